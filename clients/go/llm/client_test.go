package llm_test

import (
	"context"
	"errors"
	"io"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	pb "github.com/literllm/literllm/clients/go/literllmpb"
	"github.com/literllm/literllm/clients/go/llm"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/proto"
)

func testModel() string {
	if m := os.Getenv("LITERLLM_TEST_MODEL"); m != "" {
		return m
	}
	return "openai/gpt-4o"
}

// realClient is a client of the server at $LITERLLM_TARGET (the real server
// in front of the fake OpenAI, under clients/testing/with_gateway.sh).
func realClient(t *testing.T, opts ...llm.Option) *llm.Client {
	t.Helper()
	if os.Getenv("LITERLLM_TARGET") == "" {
		t.Skip("LITERLLM_TARGET not set")
	}
	c, err := llm.NewClient(append([]llm.Option{llm.WithTimeout(30 * time.Second)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// ------------------------------------------------------------ conversions

func TestDictAndTypedMessagesAreTheSame(t *testing.T) {
	typed := []*llm.Message{
		llm.System("Be terse."),
		llm.User("Hi"),
		llm.Assistant("Hello"),
		llm.ToolResult("call_1", `{"ok":true}`),
	}
	fromDicts, err := llm.Messages(
		map[string]any{"role": "system", "content": "Be terse."},
		map[string]any{"role": "user", "content": "Hi"},
		llm.Assistant("Hello"),
		map[string]any{"role": "tool", "tool_call_id": "call_1", "content": `{"ok":true}`},
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(fromDicts) != len(typed) {
		t.Fatalf("got %d messages", len(fromDicts))
	}
	for i := range typed {
		if !proto.Equal(typed[i], fromDicts[i]) {
			t.Errorf("message %d: typed %v, from dict %v", i, typed[i], fromDicts[i])
		}
	}
	if _, err := llm.Messages(42); err == nil {
		t.Error("a non-message was accepted")
	}
	if _, err := llm.MessageFromMap(map[string]any{"role": "user", "no_such_field": 1}); err == nil {
		t.Error("an unknown field was accepted")
	}
}

func TestOpenAIContentPartsList(t *testing.T) {
	m, err := llm.MessageFromMap(map[string]any{"role": "user", "content": []any{
		map[string]any{"type": "text", "text": "What is this?"},
		map[string]any{"type": "image_url", "image_url": map[string]any{"url": "https://example.com/a.png"}},
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := llm.UserParts(llm.TextPart("What is this?"), llm.ImagePart("https://example.com/a.png"))
	if !proto.Equal(m, want) {
		t.Errorf("got %v, want %v", m, want)
	}
}

func TestRequestFromOpenAIBody(t *testing.T) {
	req, err := llm.RequestFromMap(map[string]any{
		"model":       "openai/gpt-4o",
		"messages":    []any{map[string]any{"role": "user", "content": "Weather?"}},
		"temperature": 0.5,
		"top_p":       0.9,
		"max_tokens":  64,
		"seed":        7,
		"tools": []any{map[string]any{"type": "function", "function": map[string]any{
			"name":       "get_weather",
			"parameters": map[string]any{"type": "object", "properties": map[string]any{"location": map[string]any{"type": "string"}}},
		}}},
		"tool_choice":     "auto",
		"response_format": map[string]any{"type": "json_object"},
	})
	if err != nil {
		t.Fatal(err)
	}
	tool := llm.Must(llm.FunctionTool("get_weather", "", map[string]any{
		"type": "object", "properties": map[string]any{"location": map[string]any{"type": "string"}},
	}))
	want := &llm.Request{
		Model:          "openai/gpt-4o",
		Messages:       []*llm.Message{llm.User("Weather?")},
		Temperature:    llm.Ptr(0.5),
		TopP:           llm.Ptr(0.9),
		MaxTokens:      llm.Ptr[int32](64),
		Seed:           llm.Ptr[int64](7),
		Tools:          []*llm.Tool{tool},
		ToolChoice:     llm.Must(llm.ToolChoice("auto")),
		ResponseFormat: llm.JSONObject(),
	}
	if !proto.Equal(req, want) {
		t.Errorf("got %v\nwant %v", req, want)
	}
	if js := llm.ToJSON(req); !strings.Contains(js, `"max_tokens"`) || !strings.Contains(js, `"top_p"`) {
		t.Errorf("JSON form lacks OpenAI names: %s", js)
	}
}

func TestStructFromNativeMap(t *testing.T) {
	schema := map[string]any{
		"type":     "object",
		"required": []string{"city"},
		"properties": map[string]any{
			"city":  map[string]any{"type": "string", "enum": []any{"Paris", "Rome"}},
			"count": map[string]any{"type": "integer", "minimum": 1},
		},
		"additionalProperties": false,
	}
	s, err := llm.Struct(schema)
	if err != nil {
		t.Fatal(err)
	}
	back := llm.StructToMap(s)
	if back["type"] != "object" || back["additionalProperties"] != false {
		t.Errorf("round trip: %v", back)
	}
	if req := back["required"].([]any); len(req) != 1 || req[0] != "city" {
		t.Errorf("required: %v", back["required"])
	}
	props := back["properties"].(map[string]any)
	if props["count"].(map[string]any)["minimum"] != 1.0 {
		t.Errorf("minimum: %v", props["count"])
	}
	format := llm.Must(llm.JSONSchema("weather", schema, true))
	if format.Type != "json_schema" || format.JsonSchema.GetName() != "weather" || !format.JsonSchema.GetStrict() ||
		!proto.Equal(format.JsonSchema.Schema, s) {
		t.Errorf("json_schema: %v", format)
	}
	if _, err := llm.Struct(map[string]any{"bad": make(chan int)}); err == nil {
		t.Error("an unencodable value was accepted")
	}
}

func TestTargetFromEnvironment(t *testing.T) {
	t.Setenv("LITERLLM_TARGET", "")
	c, err := llm.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if c.Target() != "localhost:50051" {
		t.Errorf("default target %q", c.Target())
	}
	t.Setenv("LITERLLM_TARGET", "example.com:1234")
	c2, err := llm.NewClient()
	if err != nil {
		t.Fatal(err)
	}
	defer c2.Close()
	if c2.Target() != "example.com:1234" {
		t.Errorf("target from env %q", c2.Target())
	}
	if !strings.Contains(llm.ServiceConfig(4), `"service":"literllm.v1.LlmService"`) ||
		!strings.Contains(llm.ServiceConfig(4), `"retryableStatusCodes":["UNAVAILABLE"]`) {
		t.Errorf("service config: %s", llm.ServiceConfig(4))
	}
}

// ------------------------------------------- against an in-process server

type fakeServer struct {
	pb.UnimplementedLlmServiceServer
	md          atomic.Pointer[metadata.MD]
	hadDeadline atomic.Bool
	calls       atomic.Int32
	unavailable int32 // the first this many calls fail with UNAVAILABLE
	sleep       time.Duration
}

func (f *fakeServer) Chat(ctx context.Context, req *pb.ChatCompletionRequest) (*pb.ChatCompletionResponse, error) {
	n := f.calls.Add(1)
	md, _ := metadata.FromIncomingContext(ctx)
	f.md.Store(&md)
	_, has := ctx.Deadline()
	f.hadDeadline.Store(has)
	if n <= f.unavailable {
		return nil, status.Error(codes.Unavailable, "warming up")
	}
	if f.sleep > 0 {
		select {
		case <-time.After(f.sleep):
		case <-ctx.Done():
			return nil, ctx.Err()
		}
	}
	content := "pong"
	return &pb.ChatCompletionResponse{Choices: []*pb.Choice{{Message: &pb.Message{Role: "assistant", Content: &content}}}}, nil
}

func startFake(t *testing.T, f *fakeServer) string {
	t.Helper()
	lis, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := grpc.NewServer()
	pb.RegisterLlmServiceServer(s, f)
	go s.Serve(lis)
	t.Cleanup(s.Stop)
	return lis.Addr().String()
}

func ping(c *llm.Client, ctx context.Context) (*llm.Response, error) {
	return c.Chat(ctx, &llm.Request{Model: "openai/gpt-4o", Messages: []*llm.Message{llm.User("ping")}})
}

func TestAPIKeySentAsBearerMetadata(t *testing.T) {
	f := &fakeServer{}
	addr := startFake(t, f)
	c, err := llm.NewClient(llm.WithTarget(addr), llm.WithAPIKey("sk-caller-123"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if _, err := ping(c, context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := (*f.md.Load()).Get("authorization"); len(got) != 1 || got[0] != "Bearer sk-caller-123" {
		t.Errorf("authorization metadata: %v", got)
	}

	t.Setenv("LITERLLM_API_KEY", "sk-from-env")
	c2, _ := llm.NewClient(llm.WithTarget(addr))
	defer c2.Close()
	if _, err := ping(c2, context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := (*f.md.Load()).Get("authorization"); len(got) != 1 || got[0] != "Bearer sk-from-env" {
		t.Errorf("authorization metadata from env: %v", got)
	}

	t.Setenv("LITERLLM_API_KEY", "")
	c3, _ := llm.NewClient(llm.WithTarget(addr))
	defer c3.Close()
	if _, err := ping(c3, context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := (*f.md.Load()).Get("authorization"); len(got) != 0 {
		t.Errorf("authorization sent without a key: %v", got)
	}
}

func TestDefaultDeadline(t *testing.T) {
	f := &fakeServer{sleep: 5 * time.Second}
	addr := startFake(t, f)
	c, err := llm.NewClient(llm.WithTarget(addr), llm.WithTimeout(200*time.Millisecond))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	_, err = ping(c, context.Background())
	if llm.Code(err) != codes.DeadlineExceeded {
		t.Fatalf("got %v, want DEADLINE_EXCEEDED", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("the deadline did not apply: %v", d)
	}
	if !f.hadDeadline.Load() {
		t.Error("the server saw no deadline")
	}
}

func TestRetriesUnavailable(t *testing.T) {
	f := &fakeServer{unavailable: 2}
	c, err := llm.NewClient(llm.WithTarget(startFake(t, f)))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	resp, err := ping(c, context.Background())
	if err != nil {
		t.Fatalf("not retried: %v", err)
	}
	if resp.Choices[0].Message.GetContent() != "pong" || f.calls.Load() != 3 {
		t.Errorf("content %q after %d calls", resp.Choices[0].Message.GetContent(), f.calls.Load())
	}

	f2 := &fakeServer{unavailable: 1}
	c2, _ := llm.NewClient(llm.WithTarget(startFake(t, f2)), llm.WithRetry(1))
	defer c2.Close()
	_, err = ping(c2, context.Background())
	var e *llm.Error
	if !errors.As(err, &e) || e.Code != codes.Unavailable || e.Message != "warming up" {
		t.Errorf("without retries: %v", err)
	}
}

// ----------------------------------------------- against the real server

func TestChatThroughRealServerWithDicts(t *testing.T) {
	c := realClient(t)
	req, err := llm.RequestFromMap(map[string]any{
		"model":       testModel(),
		"messages":    []map[string]any{{"role": "system", "content": "Be terse."}, {"role": "user", "content": "Hi"}},
		"temperature": 0.2,
	})
	if err != nil {
		t.Fatal(err)
	}
	resp, err := c.Chat(context.Background(), req)
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Choices[0].Message.GetContent(); got != "Hello from the fake" {
		t.Errorf("content %q", got)
	}
	if resp.Provider != "openai" || resp.Usage.GetTotalTokens() != 17 || resp.EstimatedCostUsd == nil {
		t.Errorf("response %v", llm.ToJSON(resp))
	}
}

func TestErrorsCarryCode(t *testing.T) {
	c := realClient(t)
	_, err := c.Chat(context.Background(), &llm.Request{Model: "nosuch/model", Messages: []*llm.Message{llm.User("Hi")}})
	var e *llm.Error
	if !errors.As(err, &e) {
		t.Fatalf("got %T %v, want *llm.Error", err, err)
	}
	if e.Code != codes.InvalidArgument || e.Message == "" || status.Code(err) != codes.InvalidArgument {
		t.Errorf("got code %v message %q", e.Code, e.Message)
	}

	stream, err := c.ChatStream(context.Background(), &llm.Request{Model: "nosuch/model", Messages: []*llm.Message{llm.User("Hi")}})
	if err == nil {
		_, err = stream.Recv()
	}
	if llm.Code(err) != codes.InvalidArgument {
		t.Errorf("stream: got %v, want INVALID_ARGUMENT", err)
	}
}

func TestStreamIterator(t *testing.T) {
	c := realClient(t)
	stream, err := c.ChatStream(context.Background(), &llm.Request{Model: testModel(), Messages: []*llm.Message{llm.User("Hi")}})
	if err != nil {
		t.Fatal(err)
	}
	var text strings.Builder
	var usage *llm.Usage
	n := 0
	for chunk, err := range stream.Chunks() {
		if err != nil {
			t.Fatal(err)
		}
		n++
		for _, ch := range chunk.Choices {
			text.WriteString(ch.Delta.GetContent())
		}
		if chunk.Usage != nil {
			usage = chunk.Usage
		}
	}
	if text.String() != "Hello from the fake" || n < 5 {
		t.Errorf("%d chunks, text %q", n, text.String())
	}
	if usage.GetPromptTokens() != 9 || usage.GetCompletionTokens() != 3 || usage.GetTotalTokens() != 12 {
		t.Errorf("usage %v", usage)
	}
}

func TestStreamedToolCall(t *testing.T) {
	c := realClient(t)
	tool := llm.Must(llm.FunctionTool("get_weather", "Weather of a city", map[string]any{
		"type": "object", "properties": map[string]any{"location": map[string]any{"type": "string"}},
	}))
	stream, err := c.ChatStream(context.Background(), &llm.Request{
		Model: testModel(), Messages: []*llm.Message{llm.User("Weather in Paris?")}, Tools: []*llm.Tool{tool},
	})
	if err != nil {
		t.Fatal(err)
	}
	defer stream.Close()
	var id, name, args, finish string
	for {
		chunk, err := stream.Recv()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, ch := range chunk.Choices {
			for _, tc := range ch.Delta.ToolCalls {
				id += tc.GetId()
				name += tc.GetFunction().GetName()
				args += tc.GetFunction().GetArguments()
			}
			if ch.FinishReason != nil {
				finish = ch.GetFinishReason()
			}
		}
	}
	if id != "call_1" || name != "get_weather" || args != `{"location":"Paris"}` || finish != "tool_calls" {
		t.Errorf("id %q name %q args %q finish %q", id, name, args, finish)
	}
}

func TestListModels(t *testing.T) {
	c := realClient(t)
	resp, err := c.ListModels(context.Background(), "")
	if err != nil {
		t.Fatal(err)
	}
	if resp.Object != "list" {
		t.Errorf("object %q", resp.Object)
	}
}

// --------------------------------------------------------- generated code

// literllmpb/ must be what ../generate.sh makes from ../../proto right now.
func TestGeneratedCodeIsFresh(t *testing.T) {
	if _, err := exec.LookPath("protoc"); err != nil {
		t.Skip("protoc not installed")
	}
	tmp := t.TempDir()
	out, err := exec.Command("bash", "../generate.sh", tmp).CombinedOutput()
	if err != nil {
		t.Fatalf("generate.sh: %v\n%s", err, out)
	}
	for _, name := range []string{"llm_service.pb.go", "llm_service_grpc.pb.go"} {
		fresh, err := os.ReadFile(filepath.Join(tmp, name))
		if err != nil {
			t.Fatal(err)
		}
		have, err := os.ReadFile(filepath.Join("..", "literllmpb", name))
		if err != nil {
			t.Fatal(err)
		}
		if string(fresh) != string(have) {
			t.Errorf("literllmpb/%s is stale: run clients/go/generate.sh", name)
		}
	}
}
