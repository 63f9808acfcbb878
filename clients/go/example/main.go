// Command example runs a released Flowgate app over gRPC with the typed Go client and
// walks through the rest of ExecutionService:
//
//	RunApp     streams the run's events, one line each:   event <seq> <kind> <payload json>
//	WatchRun   re-attaches after seq 2, one line each:    resumed <seq> <kind>
//	GetRun     reads the stored run:                      run <status>
//	CancelRun  on the finished run (a no-op):             cancel <status>
//	RunApp     on a deployment that does not exist:       error <code> <ErrorInfo reason>
//
// Usage:
//
//	FLOWGATE_API_KEY=wn-… go run ./example -deployment DEPLOYMENT_ID [-addr host:port] [-tls] [-text world]
package main

import (
	"context"
	"crypto/tls"
	"errors"
	"flag"
	"fmt"
	"io"
	"log"
	"os"
	"time"

	"google.golang.org/genproto/googleapis/rpc/errdetails"
	"google.golang.org/grpc"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/types/known/structpb"

	flowgatev1 "flowgate.dev/go/flowgate/v1"
)

// missingDeployment is a deployment id no server knows: RunApp answers NOT_FOUND.
const missingDeployment = "00000000-0000-0000-0000-000000000000"

// bearer sends the API key as `authorization: Bearer wn-…` metadata on every call.
type bearer struct {
	key    string
	secure bool
}

func (b bearer) GetRequestMetadata(context.Context, ...string) (map[string]string, error) {
	return map[string]string{"authorization": "Bearer " + b.key}, nil
}

// RequireTransportSecurity is false only for plaintext connections (a local server), so
// the key is never sent in the clear by accident once TLS is on.
func (b bearer) RequireTransportSecurity() bool { return b.secure }

func main() {
	log.SetFlags(0)
	log.SetPrefix("example: ")

	addr := flag.String("addr", "127.0.0.1:50051", "Flowgate gRPC address (host:port)")
	key := flag.String("key", os.Getenv("FLOWGATE_API_KEY"), "API key wn-… (default $FLOWGATE_API_KEY)")
	deployment := flag.String("deployment", "", "deployment id of the released app to run (required)")
	text := flag.String("text", "world", "value of the app's `text` input")
	useTLS := flag.Bool("tls", false, "connect with TLS (system roots) instead of plaintext")
	timeout := flag.Duration("timeout", 30*time.Second, "deadline of each call")
	flag.Parse()
	if *deployment == "" || *key == "" {
		flag.Usage()
		log.Fatal("-deployment and -key (or FLOWGATE_API_KEY) are required")
	}

	transport := insecure.NewCredentials()
	if *useTLS {
		transport = credentials.NewTLS(&tls.Config{MinVersion: tls.VersionTLS12})
	}
	conn, err := grpc.NewClient(*addr,
		grpc.WithTransportCredentials(transport),
		grpc.WithPerRPCCredentials(bearer{key: *key, secure: *useTLS}),
	)
	if err != nil {
		log.Fatalf("connect %s: %v", *addr, err)
	}
	defer conn.Close()
	client := flowgatev1.NewExecutionServiceClient(conn)

	// 1. RunApp: the stream ends after run_completed; the deadline bounds the whole run.
	inputs, err := structpb.NewStruct(map[string]any{"text": *text})
	if err != nil {
		log.Fatal(err)
	}
	runID, err := runApp(client, *timeout, &flowgatev1.RunAppRequest{
		Target: &flowgatev1.RunAppRequest_DeploymentId{DeploymentId: *deployment},
		Inputs: inputs,
	})
	if err != nil {
		fail("RunApp", err)
	}

	// 2. WatchRun: every event after seq 2, as a client that lost its stream would resume.
	if err := watchRun(client, *timeout, runID, 2); err != nil {
		fail("WatchRun", err)
	}

	// 3. GetRun and 4. CancelRun (on a finished run: answers its final status, changes nothing).
	ctx, cancel := context.WithTimeout(context.Background(), *timeout)
	defer cancel()
	got, err := client.GetRun(ctx, &flowgatev1.GetRunRequest{RunId: runID})
	if err != nil {
		fail("GetRun", err)
	}
	fmt.Println("run", got.GetRun().GetStatus())
	cancelled, err := client.CancelRun(ctx, &flowgatev1.CancelRunRequest{RunId: runID})
	if err != nil {
		fail("CancelRun", err)
	}
	fmt.Println("cancel", cancelled.GetStatus())

	// 5. An error: the status code and the google.rpc.ErrorInfo reason from its details.
	_, err = runApp(client, *timeout, &flowgatev1.RunAppRequest{
		Target: &flowgatev1.RunAppRequest_DeploymentId{DeploymentId: missingDeployment},
		Inputs: inputs,
	})
	if err == nil {
		log.Fatal("RunApp on a missing deployment succeeded")
	}
	code, reason := describe(err)
	fmt.Println("error", code, reason)
}

// runApp runs an app, prints each event, and returns the run id. Errors that stop the run
// from starting (bad key, unknown app, invalid inputs) come from the first Recv.
func runApp(client flowgatev1.ExecutionServiceClient, timeout time.Duration, req *flowgatev1.RunAppRequest) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	stream, err := client.RunApp(ctx, req)
	if err != nil {
		return "", err
	}
	runID := ""
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return runID, nil
		}
		if err != nil {
			return runID, err
		}
		ev := resp.GetEvent()
		if started := ev.GetRunStarted(); started != nil {
			runID = started.GetRunId()
		}
		kind, payload := kindOf(ev)
		body, err := protojson.Marshal(payload)
		if err != nil {
			return runID, err
		}
		fmt.Printf("event %d %s %s\n", ev.GetSeq(), kind, body)
	}
}

// watchRun prints every event of run after afterSeq, until the run's stream ends.
func watchRun(client flowgatev1.ExecutionServiceClient, timeout time.Duration, runID string, afterSeq uint64) error {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	stream, err := client.WatchRun(ctx, &flowgatev1.WatchRunRequest{RunId: runID, AfterSeq: afterSeq})
	if err != nil {
		return err
	}
	for {
		resp, err := stream.Recv()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return err
		}
		kind, _ := kindOf(resp.GetEvent())
		fmt.Printf("resumed %d %s\n", resp.GetEvent().GetSeq(), kind)
	}
}

// kindOf names the event's `kind` oneof case (its proto field name, e.g. "run_started")
// and returns its payload message. A type switch on ev.GetKind() works as well; see README.
func kindOf(ev *flowgatev1.RunEvent) (string, proto.Message) {
	m := ev.ProtoReflect()
	field := m.WhichOneof(m.Descriptor().Oneofs().ByName("kind"))
	if field == nil {
		return "unknown", &flowgatev1.Heartbeat{}
	}
	return string(field.Name()), m.Get(field).Message().Interface()
}

// fail stops the example on an unexpected error, with its code and ErrorInfo reason.
func fail(call string, err error) {
	code, reason := describe(err)
	log.Fatalf("%s: %s %s: %v", call, code, reason, err)
}

// describe returns the gRPC code name and the google.rpc.ErrorInfo reason of err.
func describe(err error) (string, string) {
	st, ok := status.FromError(err)
	if !ok {
		return "Unknown", err.Error()
	}
	reason := "-"
	for _, detail := range st.Details() {
		if info, ok := detail.(*errdetails.ErrorInfo); ok {
			reason = info.GetReason()
		}
	}
	return st.Code().String(), reason
}
