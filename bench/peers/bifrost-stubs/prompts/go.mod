module github.com/maximhq/bifrost/plugins/prompts

go 1.24

require (
	github.com/maximhq/bifrost/core v1.6.0
)
