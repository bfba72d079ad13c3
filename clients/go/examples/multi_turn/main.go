// Multi-turn conversation with token usage. Messages may be typed
// (llm.System, llm.User...) or OpenAI-style dicts.
package main

import (
	"context"
	"fmt"
	"io"
	"log"
	"os"

	"github.com/literllm/literllm/clients/go/llm"
)

func model() string {
	if m := os.Getenv("LITERLLM_TEST_MODEL"); m != "" {
		return m
	}
	return "openai/gpt-4o"
}

func run(ctx context.Context, w io.Writer) error {
	client, err := llm.NewClient(llm.WithTarget(os.Getenv("LITERLLM_TARGET")))
	if err != nil {
		return err
	}
	defer client.Close()

	messages, err := llm.Messages(
		llm.System("You are a helpful assistant."),
		map[string]any{"role": "user", "content": "What is the capital of France?"},
		map[string]any{"role": "assistant", "content": "The capital of France is Paris."},
		llm.User("What is its population?"),
	)
	if err != nil {
		return err
	}
	resp, err := client.Chat(ctx, &llm.Request{Model: model(), Messages: messages})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, resp.Choices[0].Message.GetContent())
	u := resp.Usage
	fmt.Fprintf(w, "Tokens: %d prompt + %d completion = %d total\n",
		u.GetPromptTokens(), u.GetCompletionTokens(), u.GetTotalTokens())
	fmt.Fprintf(w, "Cached prompt tokens: %d, reasoning tokens: %d\n",
		u.GetPromptTokensDetails().GetCachedTokens(), u.GetCompletionTokensDetails().GetReasoningTokens())
	if resp.EstimatedCostUsd != nil {
		fmt.Fprintf(w, "Estimated cost: $%.6f (%s, %s)\n", resp.GetEstimatedCostUsd(), resp.GetProvider(), resp.GetModel())
	}
	return nil
}

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}
