package main

import (
	"context"
	"os"
	"strings"
	"testing"
	"time"
)

// Runs the example against the server at $LITERLLM_TARGET (see run_tests.sh).
func TestExample(t *testing.T) {
	if os.Getenv("LITERLLM_TARGET") == "" {
		t.Skip("LITERLLM_TARGET not set: no server to run the example against")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	var out strings.Builder
	if err := run(ctx, &out); err != nil {
		t.Fatalf("example failed: %v\noutput:\n%s", err, out.String())
	}
	for _, want := range []string{
		`Hello from the fake`,
		`Tokens: 12 prompt + 5 completion = 17 total`,
		`Cached prompt tokens: 4, reasoning tokens: 2`,
		`Estimated cost: $`,
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out.String())
		}
	}
	t.Logf("output:\n%s", out.String())
}
