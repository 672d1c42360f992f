"""Serving a Keras model: export a SavedModel, read its signature, serve it over HTTP, batch requests.

TF Serving itself is not installed here. The tiny server below speaks TF Serving's REST API
(POST /v1/models/<name>:predict with {"instances": [...]}), so the client code is the same.
"""

import json
import os
import tempfile
import threading
import urllib.request
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

os.environ["TF_CPP_MIN_LOG_LEVEL"] = "3"
os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

keras.utils.set_random_seed(0)
model = keras.Sequential([keras.Input(shape=(4,), name="features"), keras.layers.Dense(3, activation="softmax")])
workdir = tempfile.TemporaryDirectory()  # nothing is left behind


def rounded(tensor):
    return [[round(float(v), 4) for v in row] for row in np.asarray(tensor)]

# --8<-- [start:export]
# TF Serving watches a base path and serves its numbered version folders: <base>/<version>/.
export_dir = os.path.join(workdir.name, "tiny", "1")
model.export(export_dir, verbose=False)  # a SavedModel with a "serve" endpoint and serving_default

served = tf.saved_model.load(export_dir)  # no Keras, no Python model code needed
signature = served.signatures["serving_default"]
print("signatures:", sorted(served.signatures))
print("serving_default inputs:", {k: (v.dtype.name, v.shape.as_list()) for k, v in signature.structured_input_signature[1].items()})
print("serving_default outputs:", {k: (v.dtype.name, v.shape.as_list()) for k, v in signature.structured_outputs.items()})

x = np.array([[0.5, -1.0, 2.0, 0.0]], dtype="float32")
print("serve(x):", rounded(served.serve(tf.constant(x))))
print("equals model(x):", bool(np.allclose(served.serve(x).numpy(), model(x).numpy(), atol=1e-6)))
# --8<-- [end:export]

# --8<-- [start:old]
try:  # Keras 2 wrote a SavedModel with model.save(directory); Keras 3 refuses
    model.save(os.path.join(workdir.name, "saved_model"))
except ValueError as error:
    print("model.save(dir):", type(error).__name__, str(error).split(" Received")[0])
# --8<-- [end:old]


# --8<-- [start:server]
class PredictHandler(BaseHTTPRequestHandler):
    def do_POST(self):
        if self.path != "/v1/models/tiny:predict":  # TF Serving's REST URL for model "tiny"
            self.send_error(404)
            return
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        instances = tf.constant(body["instances"], dtype=tf.float32)
        predictions = rounded(served.serve(instances))
        reply = json.dumps({"predictions": predictions}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(reply)))
        self.end_headers()
        self.wfile.write(reply)

    def log_message(self, *args):  # keep the access log quiet
        pass


server = ThreadingHTTPServer(("127.0.0.1", 0), PredictHandler)  # port 0: any free port, loopback only
thread = threading.Thread(target=server.serve_forever, daemon=True)
thread.start()
try:
    url = f"http://127.0.0.1:{server.server_address[1]}/v1/models/tiny:predict"
    request = urllib.request.Request(
        url, data=json.dumps({"instances": x.tolist()}).encode(), headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        print("HTTP", response.status, "->", json.loads(response.read()))
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

batcher = DynamicBatcher(lambda batch: served.serve(tf.constant(batch)).numpy())
for request_id, t in enumerate(arrivals_ms):
    batcher.submit(t, request_id, inputs[request_id])
batcher.advance(float("inf"))  # end of the stream: flush what is left

for at_ms, ids, reason in batcher.batches:
    print(f"t={at_ms:>3} ms: batch of {len(ids)} {ids} ({reason})")
print("batch sizes:", [len(ids) for _, ids, _ in batcher.batches], "| model calls:", len(batcher.batches), "for", len(arrivals_ms), "requests")
one_by_one = np.concatenate([served.serve(tf.constant(row[None])).numpy() for row in inputs])
batched = np.stack([batcher.results[i] for i in range(len(inputs))])
print("batched results equal one-by-one results:", bool(np.allclose(batched, one_by_one, atol=1e-6)))
# --8<-- [end:batcher]

workdir.cleanup()
