"""The applications registry, honest weight loading, classify() and the chart.

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
from kerastour_helpers import cache
from kerastour_helpers.pretrained import registry

DOMESTIC_CATS = {281, 282, 283, 284, 285}  # tabby, tiger cat, Persian, Siamese, Egyptian cat
CATS = DOMESTIC_CATS | {286, 287}  # and cougar, lynx
TINY = {"alpha": 0.25, "input_shape": (128, 128, 3)}
TINY_FILE = "mobilenet_2_5_128_tf.h5"


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

    assert set(list(registry.APPLICATIONS)) == keras_constructors()
    for name in list(registry.APPLICATIONS):
        assert callable(getattr(keras.applications, kt.application_info(name).name))


def test_each_model_names_the_keras_module_that_defines_it():
    """The registry's module is where Keras defines the constructor (and its preprocess_input)."""
    import keras

    for name in list(registry.APPLICATIONS):
        defined_in = getattr(keras.applications, name).__module__
        assert defined_in == f"keras.src.applications.{kt.application_info(name).module}", name


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


def test_each_model_names_its_own_preprocess_input():
    import importlib

    for name in list(registry.APPLICATIONS):
        info = kt.application_info(name)
        module = importlib.import_module(f"keras.applications.{info.module}")
        assert callable(module.preprocess_input), name
        assert info.preprocessing in registry.PREPROCESSING
        assert info.preprocess_function.endswith(f".{info.module}.preprocess_input")
        assert 2010 < info.year < 2030 and info.paper.startswith("https://arxiv.org/abs/")


def test_in_model_preprocessing_really_passes_pixels_through():
    import importlib

    pixels = np.random.default_rng(0).uniform(0, 255, (1, 8, 8, 3)).astype("float32")
    for name in list(registry.APPLICATIONS):
        info = kt.application_info(name)
        out = np.asarray(importlib.import_module(f"keras.applications.{info.module}").preprocess_input(pixels.copy()))
        assert np.allclose(out, pixels) == (info.preprocessing == "in-model"), name


def test_published_figures_are_consistent_or_marked_missing():
    table = kt.applications_table()
    assert len(table) == len(list(registry.APPLICATIONS))
    for info in registry.APPLICATIONS.values():
        if info.top1 is not None:
            assert 0.5 < info.top1 < info.top5 < 1
        for value in (info.size_mb, info.params_m, info.depth, info.cpu_ms, info.gpu_ms):
            assert value is None or value > 0
        if info.cpu_ms is not None:
            assert info.gpu_ms < info.cpu_ms
    assert "keras.io" in table.attrs["source"]
    assert table.loc["ConvNeXtTiny"].isna()["top1"]  # not in the published table: missing, not invented


def test_the_shipped_configuration_has_its_own_lower_accuracy(tiny_model):
    """The model run offline is not the default MobileNet: its published accuracy is its own."""
    info = kt.application_info("MobileNet")
    shipped = next(entry for entry in info.shipped if entry.top1 is not None)
    assert shipped.kwargs == TINY and shipped.top1 < shipped.top5 < info.top1
    assert "mobilenet_v1.md" in shipped.source
    assert tiny_model.count_params() / 1e6 == pytest.approx(0.47, abs=0.01)  # the table's 0.47 million
    assert info.params_m / (tiny_model.count_params() / 1e6) > 5


def test_unknown_names_list_the_valid_ones():
    with pytest.raises(kt.UnknownApplicationError, match="ResNet50") as err:
        kt.application_info("Resnet5")
    assert "MobileNetV3Small" in str(err.value)
    with pytest.raises(kt.UnknownApplicationError, match="Choose one of"):
        kt.load_application("AlexNet")
    assert kt.application_info("resnet50").name == "ResNet50"


def test_looking_things_up_does_not_import_keras():
    code = ("import sys, kerastour_helpers as kt; kt.application_info('ResNet50'); "
            "kt.classify; kt.compare_chart; kt.application_picker; kt.install_shipped_weights; "
            "assert 'keras' not in sys.modules and 'tensorflow' not in sys.modules, sorted(sys.modules)")
    subprocess.run([sys.executable, "-c", code], check=True)


# --- weights ------------------------------------------------------------------------------------


def test_shipped_weights_make_keras_own_constructor_work_offline(keras_models_dir):
    """After install_shipped_weights(), plain Keras finds the real weights (the network is blocked)."""
    import keras

    for name in ("mobilenet_2_5_128_tf.h5", "mobilenet_2_5_224_tf_no_top.h5"):
        (keras_models_dir / name).unlink(missing_ok=True)
    paths = kt.install_shipped_weights()
    assert {p.name for p in paths} == {"mobilenet_2_5_128_tf.h5", "mobilenet_2_5_224_tf_no_top.h5",
                                       "imagenet_class_index.json"}
    assert all(p.parent == keras_models_dir for p in paths)
    cached = keras_models_dir / TINY_FILE
    assert cached.read_bytes() == cache.shipped_file(f"mobilenet/{TINY_FILE}").read_bytes()
    model = keras.applications.MobileNet(**TINY)
    random = keras.applications.MobileNet(weights=None, **TINY)
    assert not np.allclose(model.layers[1].get_weights()[0], random.layers[1].get_weights()[0])
    base = keras.applications.MobileNet(alpha=0.25, include_top=False, input_shape=(224, 224, 3))
    assert base.output_shape == (None, 7, 7, 256)


def test_install_keeps_a_file_already_in_the_cache(keras_models_dir):
    mine = keras_models_dir / TINY_FILE
    mine.unlink(missing_ok=True)
    mine.write_bytes(b"the reader's own file")
    kt.install_shipped_weights()
    assert mine.read_bytes() == b"the reader's own file"


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
    assert "weights=None" in message and "https://" in message and "KERASTOUR_OFFLINE" in message
    assert not (keras_models_dir / file_name).exists()


def test_missing_weights_without_network_do_not_show_keras_bare_error(keras_models_dir, monkeypatch):
    monkeypatch.delenv("KERASTOUR_OFFLINE")
    with pytest.raises(kt.WeightsUnavailableError, match=r"not in its cache, and Keras could not download it here "
                                                         r"\(kt.doctor\(\) says why\)\. Download https://") as err:
        kt.load_application("MobileNet", alpha=0.5, input_shape=(128, 128, 3))
    assert "DNS" not in str(err.value) and "no DNS" in str(err.value.__cause__)  # this machine's error: chained
    assert err.value.file_name == "mobilenet_5_0_128_tf.h5"
    assert not (keras_models_dir / "mobilenet_5_0_128_tf.h5").exists()


def test_an_error_that_is_not_a_failed_download_is_raised_with_the_file_named(keras_models_dir, monkeypatch):
    """Only a failed download becomes 'unavailable'; anything else keeps its type and names the file."""
    from keras.src.utils import file_utils

    def no_permission(origin, target, reporthook=None):
        raise PermissionError(13, "Permission denied", target)

    monkeypatch.delenv("KERASTOUR_OFFLINE")
    monkeypatch.setattr(file_utils, "urlretrieve", no_permission)
    with pytest.raises(PermissionError) as err:
        kt.load_application("MobileNet", alpha=0.5, input_shape=(128, 128, 3))
    assert "mobilenet_5_0_128_tf.h5" in " ".join(getattr(err.value, "__notes__", []))


@pytest.mark.slow
def test_online_keras_downloads_what_is_missing(keras_models_dir, monkeypatch, capsys):
    """With a connection (here, a stand-in for urlretrieve that serves the real file), Keras fetches it."""
    from keras.src.utils import file_utils

    served = []

    def fake_urlretrieve(origin, target, reporthook=None):
        served.append(origin)
        shutil.copyfile(cache.shipped_file(f"mobilenet/{TINY_FILE}"), target)

    (keras_models_dir / TINY_FILE).unlink(missing_ok=True)  # the fixture puts it back afterwards
    monkeypatch.delenv("KERASTOUR_OFFLINE")
    monkeypatch.setattr(file_utils, "urlretrieve", fake_urlretrieve)
    info = registry.APPLICATIONS["MobileNet"]
    monkeypatch.setitem(registry.APPLICATIONS, "MobileNet", info._replace(shipped=()))
    model = kt.load_application("MobileNet", **TINY)
    assert served == [f"https://storage.googleapis.com/tensorflow/keras-applications/mobilenet/{TINY_FILE}"]
    assert f"Downloading {TINY_FILE}" in capsys.readouterr().out
    assert kt.classify(model, kt.sample_image("coffee.png"), top=1)[0].label == "espresso"


def test_a_wrong_cached_file_is_reported_and_kept(keras_models_dir):
    wrong = keras_models_dir / "weights_mobilenet_v3_small_224_1.0_float.h5"
    wrong.write_bytes(b"not the weights")
    with pytest.raises(cache.DataFileError, match="left it untouched"):
        kt.load_application("MobileNetV3Small")
    assert wrong.read_bytes() == b"not the weights"


@pytest.mark.parametrize("file_name, kwargs, again", [
    (TINY_FILE, TINY, "puts its own copy"),  # shipped: Keras Tour can put it back
    ("mobilenet_5_0_128_tf.h5", {"alpha": 0.5, "input_shape": (128, 128, 3)}, "downloads a fresh copy"),
])
def test_a_corrupt_cached_weights_file_is_named_and_kept(keras_models_dir, file_name, kwargs, again):
    """h5py's bare OSError (no path) becomes an error that names the file and the fix; nothing is deleted."""
    damaged = keras_models_dir / file_name
    damaged.unlink(missing_ok=True)
    damaged.write_bytes(cache.shipped_file(f"mobilenet/{TINY_FILE}").read_bytes()[:5000])  # a cut-off copy
    with pytest.raises(kt.WeightsFileError) as err:
        kt.load_application("MobileNet", **kwargs)
    message = str(err.value)
    assert str(damaged) in message and "Move it away" in message and again in message
    assert "weights=None" in message and isinstance(err.value.__cause__, OSError)
    assert damaged.read_bytes() == cache.shipped_file(f"mobilenet/{TINY_FILE}").read_bytes()[:5000]


def test_a_bad_argument_keeps_keras_own_error(keras_models_dir):
    with pytest.raises(ValueError, match="alpha can be one of"):
        kt.load_application("MobileNet", alpha=0.3, input_shape=(128, 128, 3))


def test_weights_none_builds_the_architecture_offline():
    model = kt.load_application("MobileNetV3Small", weights=None)
    assert model.output_shape == (None, 1000)


def test_weights_message_shows_where_keras_really_looks(monkeypatch):
    """$KERAS_HOME only while it is the folder Keras uses: Keras reads it once, at import."""
    def message():
        return str(kt.WeightsUnavailableError("X", "w.h5", "https://origin/w.h5", None, "no network"))

    assert " to $KERAS_HOME/models/w.h5 " in message()  # conftest set it before Keras's import
    monkeypatch.setenv("KERAS_HOME", "/somewhere/else")  # too late for Keras: its cache did not move
    assert "$KERAS_HOME" not in message()
    assert f" to {cache.shown_path('w.h5', 'models')} " in message()


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
    for image in (str(path), picture, pixels, pixels.astype("float32"), pixels.astype("int64"), pixels[np.newaxis],
                  np.dstack([pixels, np.full(pixels.shape[:2], 255, np.uint8)])):
        same = kt.classify(tiny_model, image)
        assert [r.class_id for r in same] == [r.class_id for r in by_path]
        assert np.allclose([r.probability for r in same], [r.probability for r in by_path], atol=1e-5)
    grey = kt.classify(tiny_model, np.asarray(picture.convert("L")), top=1)
    assert grey[0].class_id in CATS
    class_id, label, probability = by_path[0]
    assert isinstance(class_id, int) and isinstance(label, str) and 0 < probability <= 1


@pytest.mark.parametrize("image, says", [
    (np.zeros((0, 0, 3), dtype="uint8"), "empty"),
    (np.zeros((64, 0, 3), dtype="float32"), "empty"),
    (np.full((64, 64, 3), np.nan, dtype="float32"), "NaN"),
    (np.full((64, 64, 3), np.inf, dtype="float64"), "NaN or infinite"),
    (np.full((64, 64, 3), 40000, dtype="uint16"), "16-bit"),
    (np.full((64, 64, 3), 100, dtype="uint16"), "16-bit"),  # a dark 16-bit photo is still 16-bit
    (np.full((64, 64, 3), 300.0, dtype="float32"), "above 255"),
    (np.full((64, 64, 3), -0.5, dtype="float32"), "already preprocessed"),
    (np.full((64, 64, 3), 0.5, dtype="float32"), r"image \* 255"),
    (np.array([["a"] * 3] * 4), "numbers"),
])
def test_classify_refuses_what_is_not_8_bit_pixels_with_the_fix(tiny_model, image, says):
    with pytest.raises(ValueError, match=says):
        kt.classify(tiny_model, image)


def test_a_16_bit_photo_file_is_refused(tiny_model, tmp_path):
    from PIL import Image

    photo = tmp_path / "sixteen.png"
    Image.fromarray(np.full((32, 32), 50000, dtype="uint16")).save(photo)
    with pytest.raises(ValueError, match="16-bit"):
        kt.classify(tiny_model, photo)


def test_classify_rejects_other_bad_input_with_the_fix(tiny_model):
    with pytest.raises(ValueError, match="one image at a time"):
        kt.classify(tiny_model, np.zeros((2, 64, 64, 3), dtype="uint8"))
    with pytest.raises(FileNotFoundError, match="no-such-photo.jpg.*kt.sample_image"):
        kt.classify(tiny_model, "no-such-photo.jpg")
    with pytest.raises(ValueError, match="Unknown photo"):
        kt.sample_image("dog.png")


@pytest.mark.parametrize("top, error", [(0, ValueError), (1001, ValueError), (None, TypeError), (2.7, TypeError),
                                        (True, TypeError), ("5", TypeError)])
def test_top_must_be_a_whole_number_of_classes(tiny_model, top, error):
    """top=2.7 used to give 2 classes silently, top=None a bare TypeError from int()."""
    with pytest.raises(error, match=r"top= is how many classes to list, a whole number from 1 to 1000 \(top=5\)"):
        kt.classify(tiny_model, kt.sample_image("coffee.png"), top=top)
    assert len(kt.classify(tiny_model, kt.sample_image("coffee.png"), top=np.int64(2))) == 2


@pytest.mark.parametrize("image", [None, b"\x89PNG\r\n\x1a\n", bytearray(b"abc")])
def test_classify_names_what_an_image_can_be(tiny_model, image):
    """bytes and None used to end in 'An image array must have shape ..., not ()'."""
    with pytest.raises(TypeError, match="image= takes a photo's path, a PIL image or an array of pixels.*BytesIO"):
        kt.classify(tiny_model, image)


@pytest.mark.parametrize("wrong", ["ResNet50", "VGG16", "DenseNet121", "EfficientNetB0"])
def test_classify_refuses_other_preprocessing(tiny_model, wrong):
    """application='ResNet50' for a MobileNet gave 'rock_beauty 17.9 %': now the mismatch is named."""
    with pytest.raises(ValueError, match="This model is a MobileNet") as err:
        kt.classify(tiny_model, kt.sample_image("coffee.png"), application=wrong)
    assert kt.application_info(wrong).preprocess_function in str(err.value)
    assert "application='MobileNet'" in str(err.value)


@pytest.mark.parametrize("same", ["MobileNetV2", "Xception", "ResNet50V2"])
def test_classify_takes_another_application_with_the_same_preprocessing(tiny_model, same):
    """MobileNet and MobileNetV2 both scale pixels to [-1, 1] (mode "tf"): nothing wrong to refuse."""
    assert kt.application_info(same).preprocessing == kt.application_info("MobileNet").preprocessing == "tf"
    theirs = kt.classify(tiny_model, kt.sample_image("coffee.png"), top=3, application=same)
    ours = kt.classify(tiny_model, kt.sample_image("coffee.png"), top=3)
    assert theirs == ours and ours[0].label == "espresso"


@pytest.mark.slow
def test_classify_knows_the_application_of_the_models_load_application_builds():
    """The model carries it: a model Keras built is not guessed from its name, so a reader's own
    model named "resnet50" no longer gets ResNet50's preprocessing."""
    import keras

    kt.install_shipped_weights()  # Keras's own constructor then finds them offline, whatever ran before
    built = keras.applications.MobileNet(**TINY)
    with pytest.raises(ValueError, match="application='MobileNet'.*kt.load_application"):
        kt.classify(built, kt.sample_image("coffee.png"))
    assert kt.classify(built, kt.sample_image("coffee.png"), top=1, application="MobileNet")[0].label == "espresso"
    own = keras.Sequential([keras.Input((32, 32, 3)), keras.layers.Flatten(), keras.layers.Dense(1000)], name="resnet50")
    with pytest.raises(ValueError, match="does not know which keras.applications constructor built 'resnet50'"):
        kt.classify(own, kt.sample_image("coffee.png"))
    assert kt.load_application("ResNet50", weights=None).kerastour_application == "ResNet50"


@pytest.mark.slow
def test_a_renamed_model_needs_application():
    import keras

    renamed = keras.applications.MobileNet(weights=None, name="my_net", **TINY)
    with pytest.raises(ValueError, match="application="):
        kt.classify(renamed, kt.sample_image("coffee.png"))
    assert len(kt.classify(renamed, kt.sample_image("coffee.png"), top=2, application="MobileNet")) == 2


@pytest.mark.slow
def test_classify_by_name_needs_the_weights():
    with pytest.raises(kt.WeightsUnavailableError, match="mobilenet_1_0_224_tf.h5"):
        kt.classify("MobileNet", kt.sample_image("coffee.png"))


def test_classify_needs_the_classifier(keras_models_dir):
    base = kt.load_application("MobileNet", alpha=0.25, include_top=False, input_shape=(224, 224, 3))
    with pytest.raises(ValueError, match="include_top=True"):
        kt.classify(base, kt.sample_image("coffee.png"))


@pytest.mark.slow
def test_classify_needs_probabilities():
    scores = kt.load_application("MobileNet", **TINY, classifier_activation=None)
    with pytest.raises(ValueError, match="scores, not probabilities.*classifier_activation='softmax'"):
        kt.classify(scores, kt.sample_image("coffee.png"))


# --- chart, picker ------------------------------------------------------------------------------


@pytest.mark.slow
def test_compare_chart_draws_both_panels_and_the_measured_star():
    published_cpu = sum(info.top1 is not None and info.cpu_ms is not None for info in registry.APPLICATIONS.values())
    left, right = kt.compare_chart().axes
    assert len(left.collections) == sum(info.top1 is not None for info in registry.APPLICATIONS.values())
    assert len(right.collections) == published_cpu and not right.lines
    info = kt.application_info("MobileNet")
    _, right = kt.compare_chart({"MobileNet": 95.0}).axes
    assert len(right.collections) == published_cpu + 1 and len(right.lines) == 1
    assert list(right.lines[0].get_xdata()) == [info.cpu_ms, 95.0]
    _, right = kt.compare_chart({"MobileNet": 95.0}, latency="gpu").axes
    assert list(right.lines[0].get_xdata()) == [info.gpu_ms, 95.0]
    with pytest.raises(ValueError, match="cpu"):
        kt.compare_chart(latency="tpu")
    with pytest.raises(ValueError, match="no accuracy"):
        kt.compare_chart({"ConvNeXtTiny": 10.0})
    with pytest.raises(ValueError, match="positive"):
        kt.compare_chart({"MobileNet": -1})


@pytest.mark.parametrize("measured", ["MobileNet", ["MobileNet", 95.0], 95.0])
def test_compare_chart_says_what_measured_takes(measured):
    """A string ended in "'str' object has no attribute 'items'"."""
    with pytest.raises(TypeError, match=r"measured= takes your times as \{model name: ms per batch of 32\}, e.g. "
                                        r"\{'MobileNet': 180.0\}"):
        kt.compare_chart(measured)


def test_altered_weights_keras_checks_no_hash_for_are_named(keras_models_dir):
    """Keras checks no hash for MobileNet v1's weights: altered ones classified the espresso as a stethoscope."""
    import h5py

    altered = keras_models_dir / TINY_FILE
    altered.unlink(missing_ok=True)
    shutil.copyfile(cache.shipped_file(f"mobilenet/{TINY_FILE}"), altered)
    with h5py.File(altered, "r+") as f:  # the first convolution's kernel, negated
        kernels = []
        f.visititems(lambda name, item: kernels.append(item) if getattr(item, "ndim", 0) == 4 else None)
        kernels[0][...] = -kernels[0][...]
    before = altered.read_bytes()
    with pytest.warns(kt.DataFileWarning) as said:
        kt.load_application("MobileNet", **TINY)
    (message,) = {str(w.message) for w in said}
    assert message.startswith(f"{altered} is not the file Keras Tour knows (sha256 "
                              f"{cache.shipped_sha256('mobilenet/' + TINY_FILE)} expected), and Keras checks no hash")
    assert "Move it away and run again" in message and altered.read_bytes() == before


def test_classify_leaves_the_weights_alone(tiny_model, monkeypatch):
    """It re-installed every shipped weights file (and hashed it) at each call; only the class index is its business."""
    installed, real = [], cache.install_into_keras_cache
    monkeypatch.setattr(cache, "install_into_keras_cache", lambda *a, **k: installed.append(a[1]) or real(*a, **k))
    assert kt.classify(tiny_model, kt.sample_image("coffee.png"), top=1)[0].label == "espresso"
    assert installed == ["imagenet_class_index.json"]


@pytest.fixture
def fresh_picker():
    from kerastour_helpers.widgets import application_picker

    application_picker._model_for.cache_clear()
    yield application_picker
    application_picker._model_for.cache_clear()


@pytest.mark.slow
def test_picker_shows_top5_by_default_then_an_architecture_without_weights(capsys, fresh_picker):
    chosen = kt.application_picker(models=["MobileNet", "MobileNetV3Small"])
    shown = capsys.readouterr().out
    assert "Top 5 for coffee.png" in shown and "espresso" in shown
    built, has_weights = fresh_picker._model_for("MobileNet")
    facts = fresh_picker.facts("MobileNet", built, has_weights)
    assert "MobileNet(alpha=0.25, input_shape=(128, 128, 3))" in facts  # the configuration run, not the default
    assert f"{built.count_params():,} parameters" in facts and "128 x 128 px" in facts
    assert "41.3% / 66.2%" in facts  # the run configuration's own published accuracy, not keras.io's 70.4%
    assert "random weights" in fresh_picker.facts("MobileNet", built, False)
    chosen.controls["model"].value = "MobileNetV3Small"
    shown = capsys.readouterr().out
    assert "Architecture (random weights)" in shown and "parameters" in shown
    with pytest.raises(kt.UnknownApplicationError):
        kt.application_picker(models=["LeNet"])


def test_picker_survives_a_corrupt_weights_file_and_names_it(keras_models_dir, capsys, fresh_picker):
    damaged = keras_models_dir / TINY_FILE
    damaged.unlink(missing_ok=True)
    damaged.write_bytes(b"\x89HDF\r\n\x1a\n truncated")
    kt.application_picker(models=["MobileNet"])
    shown = capsys.readouterr().out
    assert str(damaged) in shown and "Architecture (random weights)" in shown
    assert damaged.read_bytes() == b"\x89HDF\r\n\x1a\n truncated"


# --- exercises ----------------------------------------------------------------------------------


def _chapter_classifier():
    """The chapter's model, small: MobileNet's blocks inside an extractor, and a head."""
    import keras

    base = keras.applications.MobileNet(alpha=0.25, include_top=False, input_shape=(32, 32, 3), pooling="avg",
                                        weights=None)
    inputs = keras.Input(shape=(32, 32, 3))
    extractor = keras.Model(inputs, base(inputs))
    head = keras.Sequential([keras.Input(shape=(256,)), keras.layers.Dense(10)])
    return base, keras.Sequential([extractor, head])


def _unfreeze(base, suffixes):
    import keras

    base.trainable = True
    for layer in base.layers:
        layer.trainable = layer.name.endswith(suffixes) and not isinstance(layer, keras.layers.BatchNormalization)


def test_block_12_exercise_compares_the_prediction_with_the_reader_model():
    base, classifier = _chapter_classifier()
    _unfreeze(base, ("_12", "_13"))
    by_hand = 3 * 3 * 128 + 128 * 256  # depthwise 3x3 on 512 x 0.25 channels, pointwise to 1024 x 0.25; no biases
    assert kt.check("applications.block_12_params", by_hand, model=classifier)
    assert not kt.check("applications.block_12_params", by_hand + 1, model=classifier)
    total = sum(int(np.prod(w.shape)) for w in classifier.trainable_weights)  # everything fit updates: not the question
    assert not kt.check("applications.block_12_params", total, model=classifier)
    _unfreeze(base, ("_13",))  # the chapter's own state: block 12 still frozen
    assert not kt.check("applications.block_12_params", by_hand, model=classifier)
    for layer in base.layers:  # block 12's BatchNormalization unfrozen too (block 13's frozen): not what was asked
        layer.trainable = layer.name.endswith(("_12", "_13", "_12_bn")) and not layer.name.endswith("_13_bn")
    assert not kt.check("applications.block_12_params", by_hand, model=classifier)
    for layer in base.layers:  # BatchNormalization unfrozen too: not what was asked
        layer.trainable = layer.name.endswith(("_12", "_13", "_12_bn", "_13_bn"))
    assert not kt.check("applications.block_12_params", by_hand, model=classifier)


@pytest.mark.slow
def test_batchnorm_exercise_needs_each_folds_own_trained_model(keras_models_dir):
    import keras

    kt.install_shipped_weights()
    base = keras.applications.MobileNet(alpha=0.25, include_top=False, input_shape=(224, 224, 3), pooling="avg")
    block_13 = keras.Model(base.get_layer("conv_dw_13").input, base.output)
    imagenet = block_13.get_weights()
    rng = np.random.default_rng(0)
    x, y = rng.random((20, 7, 7, 256), dtype="float32"), rng.integers(0, 10, 20)
    folds = np.array_split(np.arange(20), 5)

    def fine_tune(held_out, suffixes=("_13", "_13_bn"), block=None):  # the chapter's: a copy of block 13 per run
        if block is None:
            block = keras.models.clone_model(block_13)
        block.set_weights(imagenet)
        for layer in block.layers:
            layer.trainable = layer.name.endswith(suffixes)
        model = keras.Sequential([block, keras.Sequential([keras.Input(shape=(256,)), keras.layers.Dense(10)])])
        model.compile(optimizer="adam", loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True))
        train = np.setdiff1d(np.arange(20), held_out)
        model.fit(x[train], y[train], epochs=1, batch_size=8, verbose=0)
        return model

    def hits(models):  # each image predicted by its fold's model, right or wrong
        predicted = np.zeros(20, dtype=int)
        for model, held_out in zip(models, folds):
            predicted[held_out] = keras.ops.convert_to_numpy(model(x[held_out], training=False)).argmax(axis=1)
        return predicted == y

    def check(answer, models, right=None, baseline=None, **changes):
        right = hits(models) if right is None else right
        near = right.copy()  # one image fewer right than the baseline: the interval holds 0
        near[np.flatnonzero(right)[:1] if right.any() else [0]] = not right.any()
        args = dict(models=models, x=x, y=y, hits=right, baseline=near if baseline is None else baseline, folds=folds)
        return kt.check("applications.batchnorm_statistics", answer, **{**args, **changes})

    own = [fine_tune(held_out) for held_out in folds]
    assert check(..., own).verdict == "Your turn"
    assert check(True, own) and not check(False, own)
    far = np.ones(20, dtype=bool)  # the baseline right everywhere: the interval lies below 0
    assert check(False, own, baseline=far) and not check(True, own, baseline=far)
    wrong = ~hits(own)  # results that are not these models' predictions
    assert not check(True, own, right=wrong) and not check(False, own, right=wrong, baseline=far)
    assert not check(True, own, right=hits(own)[folds[0]])  # one fold's results only
    assert not check(True, [own[0]] * 5)  # one model five times
    untrained = [keras.models.clone_model(model) for model in own]
    for copy, model in zip(untrained, own):
        copy.set_weights(model.get_weights())
        copy.compile(optimizer="adam", loss="mse")  # the same weights, but its optimizer took no step
    assert not check(True, untrained)

    # The chapter's old fine_tune: every fold's model on one block 13 (the same layers and variables), reset to
    # ImageNet's weights before each run; the old check saw the last fold's block 13 in all five and passed it.
    shared = [fine_tune(held_out, block=block_13) for held_out in folds]
    assert not check(True, shared) and not check(False, shared)
    frozen = [fine_tune(held_out, suffixes=("_13",)) for held_out in folds]  # BatchNormalization frozen: ImageNet's statistics
    assert not check(True, frozen) and not check(False, frozen)
    statistics_only = [fine_tune(held_out, suffixes=("_13_bn",)) for held_out in folds]  # the convolutions frozen
    assert not check(True, statistics_only) and not check(False, statistics_only)
