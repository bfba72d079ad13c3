// Basic chat: one question, one answer.
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
	// Target from $LITERLLM_TARGET (default localhost:50051).
	client, err := llm.NewClient(llm.WithTarget(os.Getenv("LITERLLM_TARGET")))
	if err != nil {
		return err
	}
	defer client.Close()

	resp, err := client.Chat(ctx, &llm.Request{
		Model:    model(),
		Messages: []*llm.Message{llm.User("Hello!")},
	})
	if err != nil {
		return err
	}
	fmt.Fprintln(w, resp.Choices[0].Message.GetContent())
	return nil
}

func main() {
	if err := run(context.Background(), os.Stdout); err != nil {
		log.Fatal(err)
	}
}
