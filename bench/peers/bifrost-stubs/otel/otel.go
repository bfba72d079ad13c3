// Package otel: stand-in; OTEL export is off unless configured, and here it
// cannot be configured.
package otel

import (
	"context"
	"errors"

	"github.com/maximhq/bifrost/core/schemas"
)

const PluginName = "otel"

type Config map[string]any

func Init(_ context.Context, _ *Config, _ schemas.Logger, _ any, _ string) (schemas.BasePlugin, error) {
	return nil, errors.New("otel plugin is not included in this build")
}

// OtelPlugin is never instantiated here; the HTTP middleware looks it up per
// request (as it does in the real build when OTEL is off) and finds nothing.
type OtelPlugin struct{}

func (*OtelPlugin) GetName() string                                          { return PluginName }
func (*OtelPlugin) Cleanup() error                                           { return nil }
func (*OtelPlugin) RecordHTTPMetrics(_ any, _, _, _ string, _, _, _ float64) {}
