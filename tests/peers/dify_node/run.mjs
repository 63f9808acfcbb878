// Dify's Node.js SDK (dify-client), unchanged, against a Flowgate stack: the calls a Dify
// user makes, each result printed as one JSON line for tests/peers/test_dify_sdks.py.
// Usage: FLOWGATE_V1=http://127.0.0.1:PORT/v1 DIFY_KEY=app-... node run.mjs
import { CompletionClient } from "dify-client";

const client = new CompletionClient(process.env.DIFY_KEY, process.env.FLOWGATE_V1);
const out = (name, value) => console.log(JSON.stringify({ name, value }));

const params = await client.getApplicationParameters("sdk-user");
out("parameters", { status: params.status, data: params.data });

const blocking = await client.runWorkflow({ text: "Ada" }, "sdk-user", false);
out("blocking", { status: blocking.status, data: blocking.data });

// The SDK hands back the raw stream: split it on blank lines, as its README says.
const streaming = await client.runWorkflow({ text: "Bo" }, "sdk-user", true);
let text = "";
for await (const chunk of streaming.data) text += chunk.toString();
out("streaming", {
  status: streaming.status,
  contentType: streaming.headers["content-type"],
  frames: text.split("\n\n").filter((f) => f.length > 0),
});

if (process.env.DIFY_UPLOAD === "1") {
  const form = new FormData();
  form.append("file", new Blob(["hello from a file\n"], { type: "text/plain" }), "note.txt");
  form.append("user", "sdk-user");
  try {
    const uploaded = await client.fileUpload(form);
    out("upload", { status: uploaded.status, data: uploaded.data });
  } catch (err) {
    out("upload", { status: err.response?.status ?? 0, data: err.response?.data ?? String(err) });
  }
}
