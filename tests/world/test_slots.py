import numpy as np

from vidloom.world import caption, sample_scene
from vidloom.world.grounding import ground
from vidloom.world.slots import SLOT_NAMES, Slots, slots_of, vocab_sizes


def test_slot_ids_index_each_vocabulary_with_zero_for_unsaid():
    ids = Slots(colour="red", kind="ball").ids()
    assert len(ids) == len(SLOT_NAMES) == len(vocab_sizes())
    assert ids[:2] == [1, 1] and ids[2:] == [0] * (len(SLOT_NAMES) - 2)
    assert all(0 <= i < n for i, n in zip(slots_of(sample_scene(np.random.default_rng(3))).ids(), vocab_sizes()))


def test_the_captioners_words_ground_to_the_scenes_slots():
    rng = np.random.default_rng(0)
    for _ in range(300):
        scene = sample_scene(rng)
        assert ground(caption(scene, rng)).slots.as_drawn() == slots_of(scene)
