"""Linear warmup + cosine decay learning-rate schedule in Keras."""

import keras
import numpy as np

PEAK, START, WARMUP, TOTAL = 0.1, 0.001, 10, 100


def reference(step):  # the schedule written out, to check the framework against
    if step < WARMUP:
        return START + (PEAK - START) * step / WARMUP
    return 0.5 * PEAK * (1 + np.cos(np.pi * (step - WARMUP) / (TOTAL - WARMUP)))


# --8<-- [start:schedule]
schedule = keras.optimizers.schedules.CosineDecay(
    initial_learning_rate=START,  # warmup starts here ...
    warmup_target=PEAK,  # ... and climbs linearly to the peak
    warmup_steps=WARMUP,
    decay_steps=TOTAL - WARMUP,  # then a half cosine down to alpha * peak
    alpha=0.0,
)
optimizer = keras.optimizers.SGD(learning_rate=schedule)  # the optimizer calls it every step

lrs = [float(schedule(step)) for step in range(TOTAL)]
for step in (0, 5, 10, 55, 99):
    print(f"step {step:3d}: lr = {lrs[step]:.6f}")
print("max difference from the formula:", f"{max(abs(a - reference(s)) for s, a in enumerate(lrs)):.1e}")
print(f"step 120 (past the end): lr = {float(schedule(120)):.6f}")
# --8<-- [end:schedule]
