"""Video and image I/O. The only package that touches PyAV/ffmpeg."""
from .deflicker import deflicker
from .images import load_image, save_thumbnail
from .probe import Probe, probe_upload
from .resize import upscale
from .retime import resample_fps
from .spritesheet import save_spritesheet
from .video import read_metadata, read_video, write_mp4
from .watermark import watermark

__all__ = ["deflicker", "write_mp4", "read_video", "read_metadata", "save_thumbnail", "load_image", "resample_fps", "upscale",
           "save_spritesheet", "watermark", "Probe", "probe_upload"]
