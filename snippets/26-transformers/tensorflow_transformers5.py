"""transformers 5 has no TensorFlow models any more: the TF* classes are gone."""

import sys

# --8<-- [start:check]
import transformers  # by itself this does not import torch

print("transformers", transformers.__version__.split(".")[0] + ".x has TFBertModel:", hasattr(transformers, "TFBertModel"))
try:
    from transformers import TFBertModel  # noqa: F401  (worked in transformers 4.x)
except ImportError as err:
    print(type(err).__name__ + ":", str(err).split(" (")[0])
print("torch imported by that:", "torch" in sys.modules)
# --8<-- [end:check]
