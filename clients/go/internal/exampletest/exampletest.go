// Package exampletest runs an example against the server at $LITERLLM_TARGET
// (see run_tests.sh) and checks what it printed.
package exampletest

import (
	"context"
	"io"
	"os"
	"strings"
	"testing"
	"time"
)

// Run calls the example's run function and fails the test unless it succeeds
// and its output holds every one of wants.
func Run(t *testing.T, run func(context.Context, io.Writer) error, wants ...string) {
	t.Helper()
	if os.Getenv("LITERLLM_TARGET") == "" {
		t.Skip("LITERLLM_TARGET not set: no server to run the example against")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, &out); err != nil {
		t.Fatalf("example failed: %v\noutput:\n%s", err, out.String())
	}
	for _, want := range wants {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	t.Logf("output:\n%s", out.String())
}
