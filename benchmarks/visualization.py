"""How long the visualization chapter's heavier steps take on this machine (prints measurements).

Run: KERASTOUR_OFFLINE=1 .venv/bin/python benchmarks/visualization.py
It times show_model, the chapter's Grad-CAM (a gradient tape on the logits of the real
MobileNet) and its saliency map, and t-SNE on 800 64-dimensional points with one thread
(what the chapter does) and with all of them (on a busy machine OpenMP's threads fight).
"""

import os
import time

os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import kerastour_helpers as kt  # noqa: E402  (first: quiet TensorFlow)
import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402
from sklearn.manifold import TSNE  # noqa: E402
from threadpoolctl import threadpool_limits  # noqa: E402


def timed(label, fn, repeat=3):
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    print(f"{label:50} best {min(times):7.3f} s   median {sorted(times)[len(times) // 2]:7.3f} s   ({repeat} runs)")


def grad_cam(model, image, class_index, layer_name="conv_pw_13_relu"):
    """The chapter's Grad-CAM, as on the page."""
    grad_model = keras.Model(model.input, [model.get_layer(layer_name).output, model.output])
    with tf.GradientTape() as tape:
        feature_maps, scores = grad_model(image[None])
        class_score = scores[0, class_index]
    grads = tape.gradient(class_score, feature_maps)
    weights = keras.ops.mean(grads[0], axis=(0, 1))
    return keras.ops.convert_to_numpy(keras.ops.relu(keras.ops.sum(feature_maps[0] * weights, axis=-1)))


def saliency(model, image, class_index):
    pixels = tf.convert_to_tensor(image[None])
    with tf.GradientTape() as tape:
        tape.watch(pixels)
        class_score = model(pixels)[0, class_index]
    return keras.ops.convert_to_numpy(keras.ops.max(keras.ops.abs(tape.gradient(class_score, pixels)[0]), axis=-1))


def main():
    print(f"Keras {keras.__version__}, backend {keras.backend.backend()}, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    mobilenet = kt.load_application("MobileNet", alpha=0.25, input_shape=(128, 128, 3), classifier_activation=None)
    cat = keras.utils.load_img(kt.sample_image("cat"), target_size=(128, 128), interpolation="bilinear")
    image = keras.applications.mobilenet.preprocess_input(keras.utils.img_to_array(cat))
    top = int(np.argmax(keras.ops.convert_to_numpy(mobilenet(image[None]))[0]))
    timed("show_model(MobileNet 0.25)", lambda: kt.show_model(mobilenet))
    timed("Grad-CAM (MobileNet 0.25, 128 px, logits)", lambda: grad_cam(mobilenet, image, top))
    timed("saliency (MobileNet 0.25, 128 px, logits)", lambda: saliency(mobilenet, image, top))
    rng = np.random.default_rng(0)
    features = (rng.normal(size=(800, 64)) + np.repeat(rng.normal(size=(10, 64)) * 3, 80, axis=0)).astype("float32")

    def tsne():
        TSNE(n_components=2, init="pca", perplexity=30, random_state=0).fit_transform(features)

    def tsne_one_thread():
        with threadpool_limits(limits=1):
            tsne()

    timed("t-SNE, 800 x 64, one thread (as the chapter)", tsne_one_thread, repeat=2)
    timed("t-SNE, 800 x 64, all threads", tsne, repeat=2)


if __name__ == "__main__":
    main()
