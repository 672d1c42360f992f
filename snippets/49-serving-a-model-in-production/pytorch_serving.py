"""Serving a PyTorch model: torch.export, then ONNX Runtime behind a tiny HTTP server, with dynamic batching.

Triton and TorchServe are not installed here. The tiny server below speaks the KServe v2 inference
protocol that Triton implements (POST /v2/models/<name>/infer), so the client code is the same.
"""

import json
import os
import tempfile
import threading
import urllib.request
import warnings
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import numpy as np
import onnxruntime as ort
import torch
from torch import nn

torch.manual_seed(0)
model = nn.Sequential(nn.Linear(4, 3), nn.Softmax(dim=-1)).eval()
workdir = tempfile.TemporaryDirectory()  # nothing is left behind


def rounded(array):
    return [[round(float(v), 4) for v in row] for row in np.asarray(array)]


# --8<-- [start:export]
example = torch.tensor([[0.5, -1.0, 2.0, 0.0]])  # one request
batch = torch.export.Dim("batch", min=1, max=64)  # any batch size from 1 to 64
# Trace with a batch of 2: a size-1 example would specialise the batch dimension (see Pitfalls).
exported = torch.export.export(model, (example.repeat(2, 1),), dynamic_shapes=({0: batch},))
torch.export.save(exported, os.path.join(workdir.name, "tiny.pt2"))
reloaded = torch.export.load(os.path.join(workdir.name, "tiny.pt2")).module()
print("exported graph ops:", [str(node.target) for node in exported.graph.nodes if node.op == "call_function"])
print("reloaded .pt2 equals model:", torch.allclose(reloaded(example), model(example), atol=1e-6))

# ONNX for a server that does not run Python: ONNX Runtime here, Triton's onnxruntime backend there.
onnx_path = os.path.join(workdir.name, "model.onnx")
torch.onnx.export(model, (example.repeat(2, 1),), onnx_path, input_names=["features"], output_names=["probabilities"],
                  dynamic_shapes=({0: "batch"},), verbose=False)  # the torch.export-based exporter
session = ort.InferenceSession(onnx_path, providers=["CPUExecutionProvider"])
print("ONNX inputs:", [(i.name, i.type, i.shape) for i in session.get_inputs()])
print("ONNX outputs:", [(o.name, o.type, o.shape) for o in session.get_outputs()])
onnx_out = session.run(["probabilities"], {"features": example.numpy()})[0]
print("ONNX Runtime:", rounded(onnx_out), "| equals model:", bool(np.allclose(onnx_out, model(example).detach().numpy(), atol=1e-6)))
# --8<-- [end:export]

# --8<-- [start:pitfall]
try:
    torch.export.export(model, (example,), dynamic_shapes=({0: batch},))
except Exception as error:  # torch._dynamo.exc.UserError
    print("export with a batch-1 example:", type(error).__name__, str(error).splitlines()[0])
# --8<-- [end:pitfall]

# --8<-- [start:old]
with warnings.catch_warnings(record=True) as caught:  # TorchScript: what TorchServe and Triton's
    warnings.simplefilter("always")  # PyTorch backend were built around
    torch.jit.trace(model, example)
print("torch.jit.trace:", next(f"{w.category.__name__}: {w.message}" for w in caught if "trace" in str(w.message)))
# --8<-- [end:old]


# --8<-- [start:server]
class InferHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path != "/v2/models/tiny/infer":  # the KServe v2 / Triton URL for model "tiny"
            self.send_error(404)
            return
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        tensor = body["inputs"][0]  # {"name", "shape", "datatype", "data" (flat, row-major)}
        features = np.asarray(tensor["data"], dtype=np.float32).reshape(tensor["shape"])
        probabilities = session.run(["probabilities"], {tensor["name"]: features})[0]
        output = {"name": "probabilities", "shape": list(probabilities.shape), "datatype": "FP32",
                  "data": [round(float(v), 4) for v in probabilities.ravel()]}
        reply = json.dumps({"model_name": "tiny", "outputs": [output]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):  # keep the access log quiet
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), InferHandler)  # port 0: any free port, loopback only
thread = threading.Thread(target=server.serve_forever, daemon=True)
thread.start()
try:
    url = f"http://127.0.0.1:{server.server_address[1]}/v2/models/tiny/infer"
    payload = {"inputs": [{"name": "features", "shape": [1, 4], "datatype": "FP32", "data": example.flatten().tolist()}]}
    request = urllib.request.Request(url, data=json.dumps(payload).encode(), headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as response:
        print("HTTP", response.status, "->", json.loads(response.read())["outputs"][0])
finally:
    server.shutdown()  # stops serve_forever
    server.server_close()
    thread.join()
print("server stopped:", not thread.is_alive())
# --8<-- [end:server]


# --8<-- [start:batcher]
class DynamicBatcher:
    """Queue requests; run one model call per batch of up to max_batch_size requests, or when the
    oldest queued request has waited max_delay_ms. Time is passed in, so the batches are decided by
    the schedule, not by how fast this machine runs."""

    def __init__(self, predict, max_batch_size=4, max_delay_ms=10):
        self.predict, self.max_batch_size, self.max_delay_ms = predict, max_batch_size, max_delay_ms
        self.queue = deque()  # (arrival_ms, request_id, features)
        self.batches, self.results = [], {}

    def submit(self, now_ms, request_id, features):
        self.advance(now_ms)  # first close any batch whose deadline passed before this arrival
        self.queue.append((now_ms, request_id, features))
        if len(self.queue) == self.max_batch_size:
            self._run(now_ms, "full")

    def advance(self, now_ms):
        while self.queue and now_ms >= self.queue[0][0] + self.max_delay_ms:
            self._run(self.queue[0][0] + self.max_delay_ms, "timeout")

    def _run(self, at_ms, reason):
        batch = [self.queue.popleft() for _ in range(min(self.max_batch_size, len(self.queue)))]
        outputs = self.predict(np.stack([features for _, _, features in batch]))  # ONE model call
        for (_, request_id, _), output in zip(batch, outputs):
            self.results[request_id] = output
        self.batches.append((at_ms, [request_id for _, request_id, _ in batch], reason))


rng = np.random.default_rng(0)
arrivals_ms = [0, 1, 2, 3, 4, 20, 22, 40, 41, 42, 43, 44, 45, 70]  # a fixed schedule of 14 requests
inputs = rng.normal(size=(len(arrivals_ms), 4)).astype("float32")

batcher = DynamicBatcher(lambda batch: session.run(["probabilities"], {"features": batch})[0])
for request_id, t in enumerate(arrivals_ms):
    batcher.submit(t, request_id, inputs[request_id])
batcher.advance(float("inf"))  # end of the stream: flush what is left

for at_ms, ids, reason in batcher.batches:
    print(f"t={at_ms:>3} ms: batch of {len(ids)} {ids} ({reason})")
print("batch sizes:", [len(ids) for _, ids, _ in batcher.batches], "| model calls:", len(batcher.batches), "for", len(arrivals_ms), "requests")
one_by_one = np.concatenate([session.run(["probabilities"], {"features": row[None]})[0] for row in inputs])
batched = np.stack([batcher.results[i] for i in range(len(inputs))])
print("batched results equal one-by-one results:", bool(np.allclose(batched, one_by_one, atol=1e-6)))
# --8<-- [end:batcher]

workdir.cleanup()
