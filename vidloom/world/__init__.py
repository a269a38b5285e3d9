"""The procedural world: scenes, renderer, captioner and ground truth."""
from .caption import caption
from .render import Truth, render
from .scene import Scene, WorldObject, is_held_out, sample_scene, scene_for

__all__ = ["Scene", "WorldObject", "Truth", "render", "caption", "sample_scene", "scene_for", "is_held_out"]
