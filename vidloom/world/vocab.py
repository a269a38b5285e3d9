"""The closed vocabulary of vidloom's procedural world (see shared/VISION.md)."""

OBJECTS = ("ball", "box", "star", "heart", "triangle", "ring", "bird", "fish")

COLOURS = {
    "red": (220, 40, 40),
    "orange": (245, 140, 30),
    "yellow": (245, 220, 40),
    "green": (50, 180, 60),
    "blue": (40, 80, 230),
    "purple": (140, 60, 190),
    "pink": (245, 130, 190),
    "white": (245, 245, 245),
    "black": (20, 20, 20),
    "brown": (130, 80, 40),
}

SETTINGS = (
    "blue sky", "sunset", "night sky", "ocean", "grass field",
    "desert", "snow field", "outer space", "plain studio",
)

MOTIONS = (
    "left", "right", "up", "down", "falls", "rises", "bounces",
    "spins", "grows", "shrinks", "circles", "zigzags", "still",
)

CAMERAS = ("static", "pan left", "pan right", "zoom in", "zoom out")

AMBIENCES = ("none", "snow", "rain", "clouds", "twinkle", "waves")

# Which way the centroid travels for each motion: the "motion direction" that
# worldbench checks. Motions that do not translate map to "none".
MOTION_DIRECTION = {
    "left": "left", "right": "right", "up": "up", "down": "down",
    "falls": "down", "rises": "up", "zigzags": "right",
}
