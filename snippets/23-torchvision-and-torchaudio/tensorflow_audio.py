"""TensorFlow's counterparts of torchaudio: tf.signal for spectrograms, keras.layers.MelSpectrogram, tf.audio."""

import math

import keras
import tensorflow as tf

keras.utils.set_random_seed(0)

# --8<-- [start:mel]
sample_rate = 16_000
t = tf.range(sample_rate, dtype=tf.float32) / sample_rate  # one second
waveform = 0.5 * tf.sin(2 * math.pi * 440.0 * t)  # (time,): an A4 tone

# tf.signal: build the mel spectrogram from its parts (25 ms frames, 10 ms hop).
stft = tf.signal.stft(waveform, frame_length=400, frame_step=160, fft_length=400)  # (frames, 201) complex
power = tf.abs(stft) ** 2
mel_matrix = tf.signal.linear_to_mel_weight_matrix(
    num_mel_bins=64, num_spectrogram_bins=201, sample_rate=sample_rate, lower_edge_hertz=0.0, upper_edge_hertz=8000.0
)
mel = power @ mel_matrix  # (frames, 64): time first, the transpose of torchaudio's layout
log_mel = 10.0 * tf.math.log(mel + 1e-10) / math.log(10.0)
print("waveform:", tuple(waveform.shape), "-> stft:", tuple(stft.shape), "-> mel:", tuple(mel.shape))
band = int(tf.argmax(tf.reduce_mean(mel, axis=0)))
peak_hz = int(tf.argmax(mel_matrix[:, band])) * sample_rate / 400
print(f"loudest band: {band}, its filter peaks at {peak_hz:.0f} Hz")

# Keras 3 ships the whole thing as a preprocessing layer (dB output by default).
layer = keras.layers.MelSpectrogram(
    fft_length=400,
    sequence_stride=160,
    sequence_length=400,
    sampling_rate=sample_rate,
    num_mel_bins=64,
    max_freq=8000.0,
)
keras_mel = layer(waveform[tf.newaxis, :])  # (batch, n_mels, frames), like torchaudio
print("keras.layers.MelSpectrogram:", tuple(keras_mel.shape), f"max {float(tf.reduce_max(keras_mel)):.1f} dB")
# --8<-- [end:mel]

# --8<-- [start:io]
# TensorFlow core still encodes and decodes WAV (WAV only; other formats need another library).
wav_bytes = tf.audio.encode_wav(waveform[:, tf.newaxis], sample_rate=sample_rate)  # (time, channels)
tf.io.write_file("tone.wav", wav_bytes)
decoded, rate = tf.audio.decode_wav(tf.io.read_file("tone.wav"))
diff = float(tf.reduce_max(tf.abs(decoded[:, 0] - waveform)))
print("tf.audio.decode_wav:", tuple(decoded.shape), int(rate), "Hz", f"max abs diff {diff:.5f}")
# --8<-- [end:io]
