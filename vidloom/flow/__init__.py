"""Flow matching: schedule, loss and samplers. Takes the model as a callable."""
from .loss import flow_loss
from .sampler import guided, sample
from .schedule import add_noise, resolution_shift, sample_train_time, sampling_times

__all__ = ["flow_loss", "sample", "guided", "add_noise", "resolution_shift", "sample_train_time", "sampling_times"]
