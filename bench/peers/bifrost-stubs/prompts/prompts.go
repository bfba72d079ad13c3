// Package prompts: no-op stand-in. The real plugin only acts on requests that
// reference a stored prompt; benchmark requests do not.
package prompts

import (
	"context"

	"github.com/maximhq/bifrost/core/schemas"
)

const PluginName = "prompts"

type plugin struct{}

func (plugin) GetName() string { return PluginName }
func (plugin) Cleanup() error  { return nil }

func Init(_ context.Context, _ any, _ schemas.Logger) (schemas.BasePlugin, error) {
	return plugin{}, nil
}
