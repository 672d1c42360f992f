"""torchaudio: a synthesised waveform to a mel spectrogram; what is left of audio I/O in 2.9+."""

import importlib
import math
import wave

import torch
import torchaudio
import torchaudio.functional as F
import torchaudio.transforms as T

torch.manual_seed(0)

# --8<-- [start:mel]
sample_rate = 16_000
t = torch.arange(sample_rate) / sample_rate  # one second
waveform = 0.5 * torch.sin(2 * math.pi * 440.0 * t).unsqueeze(0)  # (channels, time): an A4 tone

to_mel = T.MelSpectrogram(sample_rate=sample_rate, n_fft=400, hop_length=160, n_mels=64)  # 25 ms / 10 ms
mel = to_mel(waveform)  # (channels, n_mels, frames)
log_mel = T.AmplitudeToDB(stype="power", top_db=80.0)(mel)
print("waveform:", tuple(waveform.shape), "-> mel spectrogram:", tuple(mel.shape))

# Which mel band is loudest, and which frequency does that band's triangular filter peak at?
filters = F.melscale_fbanks(n_freqs=201, f_min=0.0, f_max=sample_rate / 2, n_mels=64, sample_rate=sample_rate)
band = int(mel.mean(dim=-1).argmax())
print(f"loudest band: {band}, its filter peaks at {filters[:, band].argmax().item() * sample_rate / 400:.0f} Hz")
print(f"log-mel range: {log_mel.min().item():.1f} to {log_mel.max().item():.1f} dB")

# Transforms are nn.Modules: they batch, run on GPU, and chain like layers.
augment = torch.nn.Sequential(T.FrequencyMasking(freq_mask_param=8), T.TimeMasking(time_mask_param=20))
print("SpecAugment-style masking keeps the shape:", tuple(augment(log_mel).shape))
print("resampled to 8 kHz:", tuple(F.resample(waveform, sample_rate, 8_000).shape))

# Pretrained pipelines are still part of torchaudio; the bundle object itself downloads nothing.
bundle = torchaudio.pipelines.WAV2VEC2_ASR_BASE_960H
print("wav2vec 2.0 ASR bundle:", bundle.sample_rate, "Hz input,", len(bundle.get_labels()), "output characters")
#   model = bundle.get_model()  # real use: downloads the weights (not run here)
# --8<-- [end:mel]

# --8<-- [start:io]
with wave.open("tone.wav", "wb") as f:  # write a 16-bit WAV with the standard library
    f.setnchannels(1)
    f.setsampwidth(2)
    f.setframerate(sample_rate)
    f.writeframes((waveform * 32767).to(torch.int16).numpy().tobytes())

try:
    torchaudio.load("tone.wav")  # since 2.9: a thin wrapper around TorchCodec's AudioDecoder
except ImportError as err:
    print("torchaudio.load ->", type(err).__name__ + ":", err)
for name in ("info", "list_audio_backends"):
    print(f"torchaudio.{name} exists:", hasattr(torchaudio, name))
for module in ("torchaudio.io", "torchaudio.sox_effects"):  # StreamReader/Writer, SoX effects
    try:
        importlib.import_module(module)
    except ModuleNotFoundError as err:
        print(f"import {module} ->", type(err).__name__ + ":", err)

# With TorchCodec installed:  from torchcodec.decoders import AudioDecoder
#                             samples = AudioDecoder("tone.wav").get_all_samples()  # .data, .sample_rate
# Without it, a WAV file needs nothing but the standard library:
with wave.open("tone.wav", "rb") as f:
    pcm = torch.frombuffer(bytearray(f.readframes(f.getnframes())), dtype=torch.int16)
    loaded = (pcm.float() / 32768).unsqueeze(0)
print("read back with wave:", tuple(loaded.shape), f"max abs diff {(loaded - waveform).abs().max().item():.5f}")
# --8<-- [end:io]
