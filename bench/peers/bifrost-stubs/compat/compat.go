// Package compat: no-op stand-in. The real plugin only acts when one of the
// Config flags is on; the benchmark config leaves them all off.
package compat

import (
	"github.com/maximhq/bifrost/core/schemas"
	"github.com/maximhq/bifrost/framework/modelcatalog"
)

const PluginName = "compat"

type Config struct {
	ConvertTextToChat      bool `json:"convert_text_to_chat"`
	ConvertChatToResponses bool `json:"convert_chat_to_responses"`
	ShouldDropParams       bool `json:"should_drop_params"`
	ShouldConvertParams    bool `json:"should_convert_params"`
}

type plugin struct{}

func (plugin) GetName() string { return PluginName }
func (plugin) Cleanup() error  { return nil }

func Init(_ Config, _ schemas.Logger, _ *modelcatalog.ModelCatalog) (schemas.BasePlugin, error) {
	return plugin{}, nil
}
