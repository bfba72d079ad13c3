// Package modelcatalogresolver: no-op stand-in. The real plugin only picks a
// provider for a bare model name; requests to this build must name one
// ("openai/gpt-4o").
package modelcatalogresolver

import (
	"github.com/maximhq/bifrost/core/schemas"
	"github.com/maximhq/bifrost/framework/modelcatalog"
)

const PluginName = "model-catalog-resolver"

type plugin struct{}

func (plugin) GetName() string { return PluginName }
func (plugin) Cleanup() error  { return nil }

func Init(_ *modelcatalog.ModelCatalog, _ schemas.Logger) (schemas.BasePlugin, error) {
	return plugin{}, nil
}

// ResolveProviderFromCatalog resolves nothing: callers then report that the
// model must carry a provider prefix.
func ResolveProviderFromCatalog(_ *schemas.BifrostContext, _ *modelcatalog.ModelCatalog, _ string) (schemas.ModelProvider, []schemas.ModelProvider) {
	return "", nil
}
