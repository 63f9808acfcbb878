package dev.flowgate.example;

import com.google.protobuf.Any;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Descriptors.OneofDescriptor;
import com.google.protobuf.Empty;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.ErrorInfo;
import dev.flowgate.v1.CancelRunRequest;
import dev.flowgate.v1.ExecutionServiceGrpc;
import dev.flowgate.v1.ExecutionServiceGrpc.ExecutionServiceBlockingStub;
import dev.flowgate.v1.GetRunRequest;
import dev.flowgate.v1.Run;
import dev.flowgate.v1.RunAppRequest;
import dev.flowgate.v1.RunAppResponse;
import dev.flowgate.v1.RunEvent;
import dev.flowgate.v1.WatchRunRequest;
import dev.flowgate.v1.WatchRunResponse;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.MetadataUtils;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Runs a released Flowgate app over gRPC and walks through the ExecutionService calls.
 *
 * <pre>
 * java -jar target/flowgate-client.jar HOST:PORT API_KEY DEPLOYMENT_ID TEXT [--tls]
 * </pre>
 *
 * <p>Prints one line per step: {@code event SEQ KIND JSON} per RunApp event, {@code resumed
 * SEQ KIND} per WatchRun event after seq 2, {@code run STATUS} (GetRun), {@code cancel STATUS}
 * (CancelRun) and {@code error CODE REASON} for RunApp on a deployment that does not exist.
 */
public final class Example {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final long DEADLINE_SECONDS = 30;
  /** RunEvent's `kind` oneof: one event kind per field (run_started, block_chunk, …). */
  private static final OneofDescriptor KIND =
      RunEvent.getDescriptor().findFieldByName("run_started").getContainingOneof();

  private Example() {}

  public static void main(String[] args) throws Exception {
    boolean tls = false;
    List<String> positional = new ArrayList<>();
    for (String arg : args) {
      if (arg.equals("--tls")) {
        tls = true;
      } else {
        positional.add(arg);
      }
    }
    if (positional.size() != 4) {
      System.err.println("usage: Example HOST:PORT API_KEY DEPLOYMENT_ID TEXT [--tls]");
      System.exit(2);
    }
    String address = positional.get(0);
    String apiKey = positional.get(1);
    String deploymentId = positional.get(2);
    String text = positional.get(3);

    // Plaintext for a local server; TLS (system trust store) for anything else.
    ChannelCredentials credentials =
        tls ? TlsChannelCredentials.create() : InsecureChannelCredentials.create();
    ManagedChannel channel = Grpc.newChannelBuilder(address, credentials).build();
    int exitCode = 0;
    try {
      // Every call carries the team API key as `authorization: Bearer wn-…` metadata.
      Metadata headers = new Metadata();
      headers.put(AUTHORIZATION, "Bearer " + apiKey);
      ExecutionServiceBlockingStub stub =
          ExecutionServiceGrpc.newBlockingStub(channel)
              .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
      run(stub, deploymentId, text);
    } catch (StatusRuntimeException e) {
      // An unexpected failure (server unreachable, deadline exceeded, bad key, …).
      Status status = e.getStatus();
      System.err.printf(
          "failed: %s %s: %s%n", status.getCode(), reason(e), status.getDescription());
      exitCode = 1;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    System.exit(exitCode);
  }

  private static void run(ExecutionServiceBlockingStub stub, String deploymentId, String text)
      throws InvalidProtocolBufferException {
    JsonFormat.Printer json = JsonFormat.printer().omittingInsignificantWhitespace();
    RunAppRequest request =
        RunAppRequest.newBuilder()
            .setDeploymentId(deploymentId)
            .setInputs(
                Struct.newBuilder()
                    .putFields("text", Value.newBuilder().setStringValue(text).build()))
            .build();

    // RunApp: server-streaming; the deadline covers the whole stream.
    String runId = "";
    Iterator<RunAppResponse> events =
        stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS).runApp(request);
    while (events.hasNext()) {
      RunEvent event = events.next().getEvent();
      if (event.hasRunStarted()) {
        runId = event.getRunStarted().getRunId();
      }
      System.out.printf(
          "event %d %s %s%n", event.getSeq(), kind(event), json.print(payload(event)));
    }

    // WatchRun: re-attach as after a dropped connection, from the last seq seen (here 2).
    Iterator<WatchRunResponse> resumed =
        stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
            .watchRun(WatchRunRequest.newBuilder().setRunId(runId).setAfterSeq(2).build());
    while (resumed.hasNext()) {
      RunEvent event = resumed.next().getEvent();
      System.out.printf("resumed %d %s%n", event.getSeq(), kind(event));
    }

    Run run =
        stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
            .getRun(GetRunRequest.newBuilder().setRunId(runId).build())
            .getRun();
    System.out.printf("run %s%n", run.getStatus().name());

    // The run has finished, so cancelling it is a no-op that answers its final status.
    System.out.printf(
        "cancel %s%n",
        stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
            .cancelRun(CancelRunRequest.newBuilder().setRunId(runId).build())
            .getStatus()
            .name());

    // Errors: a gRPC status plus google.rpc.ErrorInfo in grpc-status-details-bin.
    // A streaming call's error surfaces while iterating.
    try {
      Iterator<RunAppResponse> missing =
          stub.withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
              .runApp(request.toBuilder().setDeploymentId(UUID.randomUUID().toString()).build());
      while (missing.hasNext()) {
        missing.next();
      }
      System.out.println("error none");
    } catch (StatusRuntimeException e) {
      System.out.printf("error %s %s%n", Status.fromThrowable(e).getCode().name(), reason(e));
    }
  }

  /** The event's kind: the name of the `kind` oneof field that is set, e.g. run_started. */
  private static String kind(RunEvent event) {
    FieldDescriptor field = event.getOneofFieldDescriptor(KIND);
    return field == null ? "unknown" : field.getName();
  }

  /** The message in the event's `kind` oneof (RunStarted, BlockChunk, RunCompleted, …). */
  private static Message payload(RunEvent event) {
    FieldDescriptor field = event.getOneofFieldDescriptor(KIND);
    return field == null ? Empty.getDefaultInstance() : (Message) event.getField(field);
  }

  /** ErrorInfo.reason from the status details, or "-" when there is none. */
  private static String reason(Throwable t) throws InvalidProtocolBufferException {
    com.google.rpc.Status status = StatusProto.fromThrowable(t);
    if (status != null) {
      for (Any detail : status.getDetailsList()) {
        if (detail.is(ErrorInfo.class)) {
          return detail.unpack(ErrorInfo.class).getReason();
        }
      }
    }
    return "-";
  }
}
