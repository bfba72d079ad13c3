module github.com/maximhq/bifrost/plugins/modelcatalogresolver

go 1.24

require (
	github.com/maximhq/bifrost/core v1.6.0
	github.com/maximhq/bifrost/framework v1.4.0
)
