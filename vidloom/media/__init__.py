"""Video and image I/O. The only package that touches PyAV/ffmpeg."""
from ._atomic import atomic_path
from .deflicker import deflicker
from .grade import Grade, grade
from .images import load_image, save_thumbnail
from .probe import Probe, VideoFacts, probe_upload, video_facts
from .resize import crop_to_aspect, resize, resize_cover, upscale
from .retime import resample_fps
from .spritesheet import save_spritesheet
from .video import check_frames, evenly_spaced, load_video, read_metadata, read_video, write_mp4
from .watermark import watermark

__all__ = ["atomic_path", "check_frames", "evenly_spaced", "deflicker", "Grade", "grade", "load_video", "write_mp4",
           "read_video", "read_metadata", "save_thumbnail", "load_image", "resample_fps", "upscale", "crop_to_aspect",
           "resize", "resize_cover", "save_spritesheet", "watermark", "Probe", "probe_upload",
           "VideoFacts", "video_facts"]
