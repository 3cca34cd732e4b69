"""How long the visualization chapter's helpers take on this machine (prints measurements).

Run: KERASTOUR_OFFLINE=1 .venv/bin/python benchmarks/visualization.py
It times show_model, Grad-CAM and saliency on the real MobileNet, and t-SNE on
800 64-dimensional points with one thread (what the chapter does) and with all of them.
"""

import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import kerastour_helpers as kt  # noqa: E402  (first: quiet TensorFlow)
import keras  # noqa: E402
import numpy as np  # noqa: E402
from kerastour_helpers import plots  # noqa: E402


def timed(label, fn, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    print(f"{label:45} best {min(times):7.3f} s   median {sorted(times)[len(times) // 2]:7.3f} s   ({repeat} runs)")


def main():
    print(f"Keras {keras.__version__}, backend {keras.backend.backend()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    mobilenet = kt.load_application("MobileNet", alpha=0.25, input_shape=(128, 128, 3))
    image = keras.applications.mobilenet.preprocess_input(kt.load_photo("cat", size=(128, 128)).astype("float32"))
    timed("show_model(MobileNet 0.25)", lambda: kt.show_model(mobilenet))
    timed("grad_cam(MobileNet 0.25, 128 px)", lambda: kt.grad_cam(mobilenet, image))
    timed("saliency_map(MobileNet 0.25, 128 px)", lambda: kt.saliency_map(mobilenet, image))
    rng = np.random.default_rng(0)
    features = (rng.normal(size=(800, 64)) + np.repeat(rng.normal(size=(10, 64)) * 3, 80, axis=0)).astype("float32")
    timed("PCA, 800 x 64", lambda: plots.project(features, "pca"))
    timed("t-SNE, 800 x 64, one thread (as the chapter)", lambda: plots.project(features, "tsne"), repeat=2)

    def tsne_all_threads():
        from sklearn.manifold import TSNE

        TSNE(n_components=2, init="pca", perplexity=30, max_iter=500, random_state=0).fit_transform(features)

    timed("t-SNE, 800 x 64, all threads", tsne_all_threads, repeat=2)


if __name__ == "__main__":
    main()
