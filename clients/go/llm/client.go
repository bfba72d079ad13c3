// Package llm is the Go client of the literllm gRPC gateway: one typed API,
// OpenAI's field names, every provider behind `provider/model`.
//
//	client, err := llm.NewClient(llm.WithTarget("localhost:50051"))
//	resp, err := client.Chat(ctx, &llm.Request{
//		Model:    "openai/gpt-4o",
//		Messages: []*llm.Message{llm.User("Hello!")},
//	})
//	fmt.Println(resp.Choices[0].Message.GetContent())
package llm

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"io"
	"iter"
	"os"
	"time"

	pb "github.com/literllm/literllm/clients/go/literllmpb"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// The generated messages, under shorter names.
type (
	Request          = pb.ChatCompletionRequest
	Response         = pb.ChatCompletionResponse
	Chunk            = pb.ChatCompletionChunk
	Message          = pb.Message
	Tool             = pb.Tool
	ToolCall         = pb.ToolCall
	ResponseFormat   = pb.ResponseFormat
	Usage            = pb.Usage
	ListModelsResult = pb.ListModelsResponse
)

const (
	// DefaultTarget is used when neither WithTarget nor LITERLLM_TARGET is set.
	DefaultTarget = "localhost:50051"
	serviceName   = "literllm.v1.LlmService"
)

type options struct {
	target      string
	apiKey      string
	useTLS      bool
	tlsConfig   *tls.Config
	timeout     time.Duration
	maxAttempts int
	dialOptions []grpc.DialOption
}

// Option configures NewClient.
type Option func(*options)

// WithTarget sets the server address (host:port or any gRPC target).
// Default: $LITERLLM_TARGET, else localhost:50051.
func WithTarget(target string) Option { return func(o *options) { o.target = target } }

// WithAPIKey sends `authorization: Bearer <key>` with every call.
// Default: $LITERLLM_API_KEY when set.
func WithAPIKey(key string) Option { return func(o *options) { o.apiKey = key } }

// WithTLS turns TLS on or off (default off: plaintext).
func WithTLS(enabled bool) Option { return func(o *options) { o.useTLS = enabled } }

// WithTLSConfig turns TLS on with the given configuration.
func WithTLSConfig(cfg *tls.Config) Option {
	return func(o *options) { o.useTLS = true; o.tlsConfig = cfg }
}

// WithTimeout sets the default deadline of a call whose context has none
// (0: no default deadline).
func WithTimeout(d time.Duration) Option { return func(o *options) { o.timeout = d } }

// WithRetry sets how many attempts (including the first) a call gets when the
// server is UNAVAILABLE, through the channel's gRPC service config. Default 4;
// 1 disables retries.
func WithRetry(maxAttempts int) Option { return func(o *options) { o.maxAttempts = maxAttempts } }

// WithDialOptions passes extra options to grpc.NewClient.
func WithDialOptions(opts ...grpc.DialOption) Option {
	return func(o *options) { o.dialOptions = append(o.dialOptions, opts...) }
}

// Client calls the literllm LlmService. It is safe for concurrent use.
type Client struct {
	conn *grpc.ClientConn
	stub pb.LlmServiceClient
	opts options
}

// ServiceConfig returns the gRPC service config NewClient installs: retry of
// UNAVAILABLE for every method of literllm.v1.LlmService.
func ServiceConfig(maxAttempts int) string {
	if maxAttempts < 2 {
		return `{}`
	}
	if maxAttempts > 5 {
		maxAttempts = 5 // gRPC's cap
	}
	return fmt.Sprintf(`{"methodConfig":[{"name":[{"service":%q}],`+
		`"retryPolicy":{"maxAttempts":%d,"initialBackoff":"0.2s","maxBackoff":"5s",`+
		`"backoffMultiplier":2,"retryableStatusCodes":["UNAVAILABLE"]}}]}`, serviceName, maxAttempts)
}

// NewClient creates a client. The connection is made lazily on the first call.
func NewClient(opts ...Option) (*Client, error) {
	o := options{target: os.Getenv("LITERLLM_TARGET"), apiKey: os.Getenv("LITERLLM_API_KEY"), maxAttempts: 4}
	for _, opt := range opts {
		opt(&o)
	}
	if o.target == "" {
		o.target = DefaultTarget
	}
	creds := insecure.NewCredentials()
	if o.useTLS {
		cfg := o.tlsConfig
		if cfg == nil {
			cfg = &tls.Config{MinVersion: tls.VersionTLS12}
		}
		creds = credentials.NewTLS(cfg)
	}
	dial := append([]grpc.DialOption{
		grpc.WithTransportCredentials(creds),
		grpc.WithDefaultServiceConfig(ServiceConfig(o.maxAttempts)),
	}, o.dialOptions...)
	conn, err := grpc.NewClient(o.target, dial...)
	if err != nil {
		return nil, fmt.Errorf("literllm: connecting to %s: %w", o.target, err)
	}
	return &Client{conn: conn, stub: pb.NewLlmServiceClient(conn), opts: o}, nil
}

// Target returns the address the client calls.
func (c *Client) Target() string { return c.opts.target }

// Close releases the connection.
func (c *Client) Close() error { return c.conn.Close() }

// Stub returns the generated gRPC client, for anything this package lacks.
func (c *Client) Stub() pb.LlmServiceClient { return c.stub }

func (c *Client) callContext(ctx context.Context) (context.Context, context.CancelFunc) {
	cancel := context.CancelFunc(func() {})
	if _, has := ctx.Deadline(); !has && c.opts.timeout > 0 {
		ctx, cancel = context.WithTimeout(ctx, c.opts.timeout)
	}
	if c.opts.apiKey != "" {
		ctx = metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+c.opts.apiKey)
	}
	return ctx, cancel
}

// Chat sends one chat completion request and waits for the whole answer.
// Errors are *Error values carrying the gRPC code.
func (c *Client) Chat(ctx context.Context, req *Request, opts ...grpc.CallOption) (*Response, error) {
	ctx, cancel := c.callContext(ctx)
	defer cancel()
	resp, err := c.stub.Chat(ctx, req, opts...)
	if err != nil {
		return nil, wrapError(err)
	}
	return resp, nil
}

// ListModels lists the models of every configured provider (or of one).
func (c *Client) ListModels(ctx context.Context, provider string) (*ListModelsResult, error) {
	ctx, cancel := c.callContext(ctx)
	defer cancel()
	req := &pb.ListModelsRequest{}
	if provider != "" {
		req.Provider = &provider
	}
	resp, err := c.stub.ListModels(ctx, req)
	if err != nil {
		return nil, wrapError(err)
	}
	return resp, nil
}

// Stream is an answer arriving as chat.completion.chunks. Read it with Recv
// until io.EOF, or range over Chunks(). Close it when stopping early.
type Stream struct {
	inner  grpc.ServerStreamingClient[pb.ChatCompletionChunk]
	cancel context.CancelFunc
}

// ChatStream sends a request whose answer streams chunk by chunk; the last
// chunk carries usage.
func (c *Client) ChatStream(ctx context.Context, req *Request, opts ...grpc.CallOption) (*Stream, error) {
	ctx, cancelTimeout := c.callContext(ctx)
	ctx, cancel := context.WithCancel(ctx)
	inner, err := c.stub.ChatStream(ctx, req, opts...)
	both := func() { cancel(); cancelTimeout() }
	if err != nil {
		both()
		return nil, wrapError(err)
	}
	return &Stream{inner: inner, cancel: both}, nil
}

// Recv returns the next chunk, io.EOF after the last one, or an *Error.
func (s *Stream) Recv() (*Chunk, error) {
	chunk, err := s.inner.Recv()
	if err != nil {
		s.cancel()
		if errors.Is(err, io.EOF) {
			return nil, io.EOF
		}
		return nil, wrapError(err)
	}
	return chunk, nil
}

// Chunks iterates over the chunks: for chunk, err := range stream.Chunks().
// The iteration ends after the last chunk or at the first error.
func (s *Stream) Chunks() iter.Seq2[*Chunk, error] {
	return func(yield func(*Chunk, error) bool) {
		defer s.cancel()
		for {
			chunk, err := s.Recv()
			if err == io.EOF {
				return
			}
			if !yield(chunk, err) || err != nil {
				return
			}
		}
	}
}

// Header returns the response headers (gRPC metadata) of the call.
func (s *Stream) Header() (metadata.MD, error) { return s.inner.Header() }

// Close cancels the call if it is still running.
func (s *Stream) Close() { s.cancel() }

// Error is a failed call: the gRPC status code and message.
type Error struct {
	Code    codes.Code
	Message string
	status  *status.Status
}

func (e *Error) Error() string {
	return fmt.Sprintf("literllm: %s: %s", e.Code, e.Message)
}

// GRPCStatus lets status.Code(err) and status.FromError(err) see the code.
func (e *Error) GRPCStatus() *status.Status { return e.status }

func wrapError(err error) error {
	st, ok := status.FromError(err)
	if !ok {
		st = status.FromContextError(err)
	}
	return &Error{Code: st.Code(), Message: st.Message(), status: st}
}

// Code returns the gRPC code of an error returned by this package
// (codes.OK for nil, codes.Unknown for other errors).
func Code(err error) codes.Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return status.Code(err)
}
