"""The applications registry, honest weight loading, classify() and the latency benchmark.

Only small models are built here (MobileNet with alpha 0.25, MobileNetV3Small);
the registry is checked against the installed Keras by introspection.
"""

import inspect
import shutil
import subprocess
import sys

import numpy as np
import pytest

import kerastour_helpers as kt
from kerastour_helpers import application_registry as registry
from kerastour_helpers import files

DOMESTIC_CATS = {281, 282, 283, 284, 285}  # tabby, tiger cat, Persian, Siamese, Egyptian cat
CATS = DOMESTIC_CATS | {286, 287}  # and cougar, lynx
TINY = {"alpha": 0.25, "input_shape": (128, 128, 3)}


@pytest.fixture(scope="module")
def tiny_model():
    return kt.load_application("MobileNet", **TINY)


def keras_constructors():
    import keras

    return {name for name, value in vars(keras.applications).items()
            if name[:1].isupper() and inspect.isfunction(value)}


# --- the registry -------------------------------------------------------------------------------


def test_every_model_of_the_installed_keras_is_listed():
    import keras

    assert set(kt.list_applications()) == keras_constructors()
    for name in kt.list_applications():
        module_path, _, function = kt.application_info(name).constructor.rpartition(".")
        assert module_path == "keras.applications" and callable(getattr(keras.applications, function))


def test_the_seed_families_and_the_newer_ones_are_there():
    families = {kt.application_info(name).family for name in kt.list_applications()}
    seed = {"Xception", "VGG", "ResNet", "InceptionV3", "InceptionResNetV2", "MobileNet", "DenseNet",
            "NASNet", "MobileNetV2"}
    assert seed <= families
    assert {"ResNetV2", "EfficientNet", "EfficientNetV2", "ConvNeXt", "MobileNetV3"} <= families
    assert {f for f, (_, _, in_seed) in registry.FAMILIES.items() if in_seed} == seed


class _DefaultSize(Exception):
    pass


def keras_default_size(name, monkeypatch):
    """The default input size Keras's constructor passes to obtain_input_shape (nothing is built)."""
    import keras
    from keras.src.applications import imagenet_utils

    def probe(input_shape, default_size, *args, **kwargs):
        raise _DefaultSize(default_size)

    monkeypatch.setattr(imagenet_utils, "obtain_input_shape", probe)
    try:
        getattr(keras.applications, name)(weights=None)
    except _DefaultSize as found:
        return found.args[0]
    finally:
        monkeypatch.undo()
    return None


@pytest.mark.parametrize("name", [n for n in registry.APPLICATIONS if registry.APPLICATIONS[n].family != "MobileNetV3"])
def test_input_sizes_are_keras_defaults(name, monkeypatch):
    assert kt.application_info(name).input_size == keras_default_size(name, monkeypatch)


def test_inception_family_sizes_as_the_issue_says():
    sizes = {name: kt.application_info(name).input_size for name in kt.list_applications()}
    assert sizes["Xception"] == sizes["InceptionV3"] == sizes["InceptionResNetV2"] == 299
    assert sizes["NASNetLarge"] == 331
    assert sum(size == 224 for size in sizes.values()) > len(sizes) / 2


def test_each_model_names_its_own_preprocess_input():
    import importlib

    for name in kt.list_applications():
        info = kt.application_info(name)
        module = importlib.import_module(f"keras.applications.{info.module}")
        assert callable(module.preprocess_input), name
        assert info.preprocessing in registry.PREPROCESSING
        assert info.preprocess_function.endswith(f".{info.module}.preprocess_input")
        assert 2010 < info.year < 2030 and info.paper.url.startswith("https://arxiv.org/abs/")


def test_in_model_preprocessing_really_passes_pixels_through():
    import importlib

    pixels = np.random.default_rng(0).uniform(0, 255, (1, 8, 8, 3)).astype("float32")
    for name in kt.list_applications():
        info = kt.application_info(name)
        out = np.asarray(importlib.import_module(f"keras.applications.{info.module}").preprocess_input(pixels.copy()))
        assert np.allclose(out, pixels) == (info.preprocessing == "in-model"), name


def test_published_figures_are_consistent_or_marked_missing():
    table = kt.applications_table()
    assert len(table) == len(kt.list_applications())
    for info in registry.APPLICATIONS.values():
        if info.top1 is not None:
            assert 0.5 < info.top1 < info.top5 < 1
        for value in (info.size_mb, info.params_m, info.depth, info.cpu_ms, info.gpu_ms):
            assert value is None or value > 0
        if info.cpu_ms is not None:
            assert info.gpu_ms < info.cpu_ms
    assert "keras.io" in table.attrs["source"]
    assert table.loc["ConvNeXtTiny"].isna()["top1"]  # not in the published table: missing, not invented


def test_unknown_names_list_the_valid_ones():
    with pytest.raises(kt.UnknownApplicationError, match="ResNet50") as err:
        kt.application_info("Resnet5")
    assert "MobileNetV3Small" in str(err.value)
    with pytest.raises(kt.UnknownApplicationError, match="Choose one of"):
        kt.load_application("AlexNet")
    with pytest.raises(kt.UnknownApplicationError, match="ConvNeXt"):
        kt.list_applications(family="Inception")
    assert kt.application_info("resnet50").name == "ResNet50"
    assert kt.list_applications(family="VGG") == ["VGG16", "VGG19"]


def test_looking_things_up_does_not_import_keras():
    code = ("import sys, kerastour_helpers as kt; kt.list_applications(); kt.application_info('ResNet50'); "
            "kt.classify; kt.benchmark_application; kt.application_picker; "
            "assert 'keras' not in sys.modules and 'tensorflow' not in sys.modules, sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)


# --- weights ------------------------------------------------------------------------------------


def test_shipped_mobilenet_weights_load_offline_byte_for_byte(keras_models_dir):
    model = kt.load_application("MobileNet", **TINY)
    cached = keras_models_dir / "mobilenet_2_5_128_tf.h5"
    assert cached.read_bytes() == files.shipped_file("mobilenet/mobilenet_2_5_128_tf.h5").read_bytes()
    assert model.output_shape == (None, 1000)
    random = kt.load_application("MobileNet", weights=None, **TINY)
    assert not np.allclose(model.layers[1].get_weights()[0], random.layers[1].get_weights()[0])


def test_shipped_no_top_weights_load_offline(keras_models_dir):
    base = kt.load_application("MobileNet", alpha=0.25, include_top=False, input_shape=(224, 224, 3))
    assert base.output_shape == (None, 7, 7, 256)
    assert (keras_models_dir / "mobilenet_2_5_224_tf_no_top.h5").is_file()


def test_decode_predictions_works_offline_after_loading(tiny_model):
    import keras

    probabilities = np.zeros((1, 1000), dtype="float32")
    probabilities[0, 967] = 1
    assert keras.applications.mobilenet.decode_predictions(probabilities, top=1)[0][0][1] == "espresso"


def test_missing_weights_offline_name_the_file_and_the_fix(keras_models_dir):
    with pytest.raises(kt.WeightsUnavailableError) as err:
        kt.load_application("MobileNetV3Small")
    message = str(err.value)
    file_name = "weights_mobilenet_v3_small_224_1.0_float.h5"  # Keras's own name: 224 px is the default size
    assert err.value.file_name == file_name
    assert err.value.path == keras_models_dir / file_name  # the real path stays on the error
    assert f"$KERAS_HOME/models/{file_name}" in message  # the message shows it as the reader should read it
    assert str(keras_models_dir) not in message
    assert "weights=None" in message and "https://" in message and "KERASTOUR_OFFLINE" in message
    assert not (keras_models_dir / file_name).exists()


def test_missing_weights_without_network_do_not_show_keras_bare_error(keras_models_dir, monkeypatch):
    monkeypatch.delenv("KERASTOUR_OFFLINE")
    with pytest.raises(kt.WeightsUnavailableError, match="the download failed") as err:
        kt.load_application("MobileNet", alpha=0.5, input_shape=(128, 128, 3))
    assert err.value.file_name == "mobilenet_5_0_128_tf.h5"
    assert not (keras_models_dir / "mobilenet_5_0_128_tf.h5").exists()


def test_online_keras_downloads_what_is_missing(keras_models_dir, monkeypatch, capsys):
    """With a connection (here, a stand-in for urlretrieve that serves the real file), Keras fetches it."""
    from keras.src.utils import file_utils

    served = []

    def fake_urlretrieve(origin, target, reporthook=None):
        served.append(origin)
        shutil.copyfile(files.shipped_file("mobilenet/mobilenet_2_5_128_tf.h5"), target)

    (keras_models_dir / "mobilenet_2_5_128_tf.h5").unlink(missing_ok=True)  # the fixture puts it back afterwards
    monkeypatch.delenv("KERASTOUR_OFFLINE")
    monkeypatch.setattr(file_utils, "urlretrieve", fake_urlretrieve)
    monkeypatch.delitem(registry.APPLICATIONS["MobileNet"].shipped_weights, "mobilenet_2_5_128_tf.h5")
    model = kt.load_application("MobileNet", **TINY)
    assert served == ["https://storage.googleapis.com/tensorflow/keras-applications/mobilenet/mobilenet_2_5_128_tf.h5"]
    assert "Downloading mobilenet_2_5_128_tf.h5" in capsys.readouterr().out
    assert kt.classify(model, kt.sample_image("coffee.png"), top=1)[0].label == "espresso"


def test_a_wrong_cached_file_is_reported_and_kept(keras_models_dir):
    wrong = keras_models_dir / "weights_mobilenet_v3_small_224_1.0_float.h5"
    wrong.write_bytes(b"not the weights")
    with pytest.raises(files.DataFileError, match="left it untouched"):
        kt.load_application("MobileNetV3Small")
    assert wrong.read_bytes() == b"not the weights"


def test_weights_none_builds_the_architecture_offline():
    model = kt.load_application("MobileNetV3Small", weights=None)
    assert model.output_shape == (None, 1000)


# --- classify -----------------------------------------------------------------------------------


def test_real_predictions_on_the_shipped_photos(tiny_model):
    coffee = kt.classify(tiny_model, kt.sample_image("coffee.png"))
    assert coffee[0].label == "espresso" and coffee[0].probability > 0.5
    cat = kt.classify(tiny_model, kt.sample_image("chelsea.png"), top=3)
    assert cat[0].class_id in DOMESTIC_CATS
    assert sum(row.class_id in CATS for row in cat) >= 2
    assert len(coffee) == 5 and all(a.probability >= b.probability for a, b in zip(coffee, coffee[1:]))


def test_classify_takes_a_path_a_pil_image_or_an_array(tiny_model):
    from PIL import Image

    path = kt.sample_image("chelsea.png")
    picture = Image.open(path)
    pixels = np.asarray(picture.convert("RGB"))
    by_path = kt.classify(tiny_model, path)
    for image in (str(path), picture, pixels, pixels.astype("float32"), pixels[np.newaxis],
                  np.dstack([pixels, np.full(pixels.shape[:2], 255, np.uint8)])):
        same = kt.classify(tiny_model, image)
        assert [r.class_id for r in same] == [r.class_id for r in by_path]
        assert np.allclose([r.probability for r in same], [r.probability for r in by_path], atol=1e-5)
    grey = kt.classify(tiny_model, np.asarray(picture.convert("L")), top=1)
    assert grey[0].class_id in CATS
    class_id, label, probability = by_path[0]
    assert isinstance(class_id, int) and isinstance(label, str) and 0 < probability <= 1


def test_classify_by_name_needs_the_weights():
    with pytest.raises(kt.WeightsUnavailableError, match="mobilenet_1_0_224_tf.h5"):
        kt.classify("MobileNet", kt.sample_image("coffee.png"))


def test_classify_rejects_bad_input_with_the_fix(tiny_model):
    with pytest.raises(ValueError, match=r"image \* 255"):
        kt.classify(tiny_model, np.full((64, 64, 3), 0.5, dtype="float32"))
    with pytest.raises(ValueError, match="one image at a time"):
        kt.classify(tiny_model, np.zeros((2, 64, 64, 3), dtype="uint8"))
    with pytest.raises(FileNotFoundError, match="No image at"):
        kt.classify(tiny_model, "no-such-photo.jpg")
    with pytest.raises(ValueError, match="top must be"):
        kt.classify(tiny_model, kt.sample_image("coffee.png"), top=0)
    with pytest.raises(ValueError, match="Unknown photo"):
        kt.sample_image("dog.png")


def test_classify_needs_to_know_the_family_of_a_foreign_model():
    import keras

    foreign = keras.applications.MobileNet(weights=None, **TINY)
    with pytest.raises(ValueError, match="application="):
        kt.classify(foreign, kt.sample_image("coffee.png"))
    assert len(kt.classify(foreign, kt.sample_image("coffee.png"), top=2, application="MobileNet")) == 2


def test_classify_needs_the_classifier(keras_models_dir):
    base = kt.load_application("MobileNet", alpha=0.25, include_top=False, input_shape=(224, 224, 3))
    with pytest.raises(ValueError, match="include_top=True"):
        kt.classify(base, kt.sample_image("coffee.png"))


# --- benchmark, chart, picker -------------------------------------------------------------------


def test_benchmark_reports_the_median_of_the_timed_batches(tiny_model):
    result = kt.benchmark_application("MobileNet", batch_size=2, repeats=3, warmup=1, model=tiny_model, input_size=128)
    assert len(result.times_ms) == 3 and all(t > 0 for t in result.times_ms)
    assert min(result.times_ms) <= result.median_ms <= max(result.times_ms)
    assert result.device in ("CPU", "GPU") and result.backend == "tensorflow"
    assert result.published_cpu_ms == kt.application_info("MobileNet").cpu_ms
    assert "MobileNet" in str(result) and "batch of 2" in str(result)
    assert not result.comparable and result.published_ms is None  # alpha 0.25, 128 px, batch 2: not keras.io's
    with pytest.raises(ValueError, match="warm-up"):
        kt.benchmark_application("MobileNet", warmup=0, model=tiny_model)


def test_compare_chart_draws_both_panels_and_the_measured_star(tiny_model):
    import matplotlib

    from kerastour_helpers.latency import Benchmark

    matplotlib.use("Agg")
    published = sum(info.top1 is not None and info.cpu_ms is not None for info in registry.APPLICATIONS.values())
    tiny = kt.benchmark_application("MobileNet", batch_size=1, repeats=2, warmup=1, model=tiny_model, input_size=128)
    left, right = kt.compare_chart([tiny]).axes
    assert len(left.collections) == sum(info.top1 is not None for info in registry.APPLICATIONS.values())
    assert len(right.collections) == published and not right.lines  # not keras.io's configuration: no star
    info = kt.application_info("MobileNet")
    same = Benchmark("MobileNet", "tensorflow", "CPU", "cpu", 32, 224, [90.0, 100.0, 95.0], info.cpu_ms, info.gpu_ms)
    _, right = kt.compare_chart([same]).axes
    assert len(right.collections) == published + 1 and len(right.lines) == 1
    assert list(right.lines[0].get_xdata()) == [info.cpu_ms, 95.0]
    with pytest.raises(ValueError, match="cpu"):
        kt.compare_chart(latency="tpu")


def test_picker_shows_top5_by_default_then_an_architecture_without_weights(capsys):
    chosen = kt.application_picker(models=["MobileNet", "MobileNetV3Small"])
    shown = capsys.readouterr().out
    assert "Top 5 for coffee.png" in shown and "espresso" in shown
    from kerastour_helpers.app_picker import _model_for, facts_html

    built, has_weights = _model_for("MobileNet")
    facts = facts_html("MobileNet", built, kt.application_info("MobileNet").offline_kwargs, has_weights)
    assert "default MobileNet() (alpha=1.0, 224 x 224 px" in facts  # the published row, said to be alpha 1.0
    assert f"{built.count_params():,} (counted on the built model)" in facts and "128 x 128 px" in facts
    chosen.controls["model"].value = "MobileNetV3Small"
    shown = capsys.readouterr().out
    assert "Architecture (random weights)" in shown and "parameters" in shown
    with pytest.raises(kt.UnknownApplicationError):
        kt.application_picker(models=["LeNet"])


def test_weights_message_shows_the_cache_as_the_reader_names_it(monkeypatch):
    from kerastour_helpers.applications import shown_cache_path

    monkeypatch.setenv("KERAS_HOME", "/somewhere/else")
    assert shown_cache_path("w.h5") == "$KERAS_HOME/models/w.h5"
    monkeypatch.delenv("KERAS_HOME")
    assert shown_cache_path("w.h5") == "~/.keras/models/w.h5"
