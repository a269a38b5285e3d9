"""The grounding lexicon: English words and phrases for each value of the world's slots.

Hand-written, one table per slot. Verbs are listed by stem and inflected here
("twirl" -> twirls, twirling, twirled). Colour names beyond these come from the XKCD/CSS
table (colour_words.py); nouns beyond these from MiniLM (object_words.py).

Conventions for motions that English leaves open: a verb of falling by weight ("plummet",
"tumble") is `falls` and one of rising by itself ("soar", "levitate") is `rises`; any other
movement with a vertical direction ("climbs skyward", "sinks") is `up` / `down`.
"""
from __future__ import annotations

# Tags of lexemes. A phrase maps to (tag, value).
OBJECT, COLOUR, MOTION, DIRECTION, MOVE, SETTING, SKY, TIME = "object", "colour", "motion", "dir", "move", "setting", "sky", "time"
CAMERA, PAN, ZOOM, LENS, STATIC = "camera", "pan", "zoom", "lens", "static"
AMBIENCE, COUNT, RELATION, NEGATION, BOUNDARY, FILLER = "ambience", "count", "rel", "neg", "boundary", "filler"
THING = "thing"  # a thing whose colour is known: a colour before a noun, else the thing itself

OBJECT_NOUNS = {
    "ball": ["ball", "sphere", "spheroid", "globule", "gumball", "bauble", "orb", "globe", "marble", "bead", "bubble", "balloon", "pellet", "football",
             "basketball", "baseball", "soccer ball", "tennis ball", "beach ball", "bowling ball", "pearl", "disc",
             "disk", "dot", "circle"],
    "box": ["box", "cube", "crate", "block", "brick", "cuboid", "square", "package", "parcel", "chest", "carton",
            "dice", "square box", "trunk", "hexahedron", "coffer", "casket", "toolbox"],
    "star": ["star", "pentagram", "star shape", "starfish", "starburst", "asterisk", "pentacle", "hexagram"],
    "heart": ["heart", "valentine", "love heart", "heart shape", "cardioid", "love emblem", "love symbol", "love sign",
              "cupid symbol"],
    "triangle": ["triangle", "trigon", "trilateral", "prism", "three sided polygon", "three sided shape", "pyramid", "wedge", "cone", "tetrahedron", "arrowhead", "delta"],
    "ring": ["ring", "circlet", "annulus", "washer", "bagel", "hoop", "donut", "doughnut", "torus", "loop", "halo", "bangle", "bracelet", "wreath", "tyre",
             "tire", "lifebuoy"],
    "bird": ["bird", "sparrow", "robin", "pigeon", "dove", "crow", "raven", "parrot", "eagle", "hawk", "gull",
             "seagull", "swallow", "finch", "owl", "duck", "songbird", "bluebird", "canary", "chick"],
    "fish": ["fish", "goldfish", "minnow", "trout", "salmon", "carp", "guppy", "tuna", "cod", "koi", "herring",
             "sardine", "perch"],
}
# Plurals that do not just add "s" or "es".
IRREGULAR_PLURALS = {"fish": "fish", "dice": "dice"}

# Colour words the XKCD/CSS table lacks or would place elsewhere.
COLOUR_WORDS = {
    "red": ["reddish", "ruddy", "garnet", "blood red"], "orange": ["orangey", "orangish", "ginger", "persimmon", "clementine"],
    "yellow": ["yellowish", "golden", "gold", "daffodil"],
    "green": ["greenish", "pistachio"], "blue": ["bluish", "blueish"], "purple": ["purplish", "purpley", "lilac", "lavender", "mauve"],
    "pink": ["pinkish", "pinky", "blush", "flamingo pink", "rosy"], "white": ["whitish", "snow white", "snowy white", "chalky", "alabaster", "pearly",
                                                       "milky", "milk white", "bone white", "porcelain", "frosty"],
    "black": ["blackish", "jet black", "sooty", "onyx", "ebony", "jet", "obsidian", "inky", "pitch black", "coal black", "licorice", "liquorice"],
    "brown": ["brownish", "walnut", "toffee"],
}
# Things whose colour everyone knows, said before a noun for its colour ("a ladybug-red ball" is rarer than "a
# ladybug ball", "a school-bus box"): world knowledge no colour table or encoder we ship carries. Only before a
# noun (or "coloured"); alone they stay what they are ("a traffic cone" is a cone).
THING_COLOURS = {
    "red": ["ladybug", "ladybird", "fire engine", "fire truck", "firetruck", "stop sign", "strawberry", "cherry",
            "tomato", "ketchup", "chilli", "chili", "blood", "brick", "postbox", "pillar box", "poppy", "lobster",
            "cardinal", "rudolph nose", "santa suit", "valentine red", "candy apple", "ferrari", "coca cola",
            "coke can", "elmo", "mario", "red cross"],
    "orange": ["traffic cone", "carrot", "pumpkin", "tangerine", "mandarin", "apricot", "basketball orange",
               "goldfish", "marmalade", "hi vis", "high vis", "safety vest", "traffic cone orange", "cheeto", "cheetos",
               "garfield", "nemo", "fanta", "nickelodeon"],
    "yellow": ["school bus", "banana", "lemon", "canary", "sunflower", "dandelion", "egg yolk", "yolk", "butter",
               "mustard", "taxi", "cab", "rubber duck", "rubber ducky", "bumblebee", "highlighter", "pikachu",
               "sunbeam", "corn", "buttercup", "taxicab", "spongebob", "minion", "big bird", "tweety",
               "mcdonalds", "post it", "sticky note"],
    "green": ["pickle", "cucumber", "lime", "grasshopper", "frog", "leaf", "broccoli", "pea", "peas", "avocado",
              "kiwi", "spinach", "emerald", "jade", "shamrock", "clover", "moss", "fern", "pine", "kale", "lettuce",
              "celery", "zucchini", "courgette", "dollar bill", "traffic light green", "shrek", "kermit", "seaweed",
              "grinch", "hulk", "yoda", "starbucks", "john deere", "heineken", "sprite can"],
    "blue": ["sapphire", "blueberry", "denim", "jeans", "cornflower", "smurf", "bluebell", "police car",
             "swimming pool", "robin egg", "robin's egg", "cookie monster", "forget me not", "ink", "facebook",
             "twitter", "ikea", "smurfette", "stitch", "sonic", "tiffany", "pepsi"],
    "purple": ["grape", "eggplant", "aubergine", "plum", "amethyst", "violet", "beetroot", "blackberry", "barney",
               "ube", "wisteria", "heather", "tinky winky", "cadbury", "grimace", "thanos", "twitch"],
    "pink": ["piggy", "pig", "piglet", "flamingo", "bubblegum", "bubble gum", "candy floss", "cotton candy",
             "strawberry milk", "ballet slipper", "peony", "cherry blossom", "barbie", "hello kitty", "shrimp",
             "prawn", "ham", "watermelon flesh", "pink lemonade", "chewing gum", "peppa pig", "kirby",
             "pink panther", "patrick star", "t mobile"],
    "white": ["paper", "sugar", "snowball", "cotton", "milk", "chalk", "swan", "cloud white", "salt", "flour",
              "marshmallow", "ghost", "egg white", "eggshell", "tooth", "teeth", "porcelain", "lily", "dove",
              "polar bear", "sheep", "wedding dress", "printer paper", "toilet paper", "napkin", "toothpaste", "olaf",
              "stormtrooper", "casper"],
    "black": ["asphalt", "tar", "coal", "charcoal", "crow", "raven", "panther", "tuxedo", "tyre black", "licorice",
              "soot", "night sky black", "tarmac", "vinyl record", "blackboard", "oil slick", "ink black", "crude oil",
              "goth", "darth vader", "batman", "hockey puck"],
    "brown": ["wooden", "wood", "chocolate", "coffee", "cocoa", "caramel", "cinnamon", "teddy bear", "cardboard",
              "tree bark", "bark", "acorn", "chestnut", "hazelnut", "walnut shell", "peanut butter", "gingerbread",
              "mud", "dirt", "leather", "potato", "toast", "cork", "oak", "mahogany", "cedar", "timber", "bronze",
              "ups truck", "chewbacca", "scooby doo", "paper bag"],
}
# Words that may stand between a colour and its noun, or before a noun, and say nothing the world draws.
ADJECTIVES = ["small", "little", "tiny", "big", "large", "huge", "giant", "shiny", "glossy", "bright", "dark", "light",
              "pale", "deep", "vivid", "soft", "round", "solid", "plastic", "metal", "cute", "lone",
              "lonely", "single", "glowing", "cartoon", "toy", "rubber", "colourful", "fat", "thin", "hot"]

# Verbs by stem: which slot value each names.
MOTION_VERBS = {
    "falls": ["fall", "drop", "plummet", "plunge", "tumble", "topple", "nosedive", "dive", "crash down", "crash",
              "cascade", "collapse", "go splat", "hit the ground", "crash land", "faceplant", "come crashing down",
              "fall down", "drop down", "plop", "plop down", "keel over"],
    "rises": ["rise", "soar", "levitate", "float up", "lift off", "take off", "blast off", "launch", "surge up", "surge", "rocket", "uplift",
              "take flight", "take wing", "take to the air", "take to the sky", "become airborne", "go airborne"],
    "up": ["ascend", "climb"],
    "down": ["sink", "descend", "dip"],
    "bounces": ["bounce", "hop", "jump", "bob", "leap", "spring", "rebound", "bounce up and down", "pogo",
                "ricochet", "trampoline", "bound", "skip"],
    "spins": ["spin", "rotate", "twirl", "whirl", "pirouette", "swivel", "gyrate", "turn around", "spin around",
              "twist", "cartwheel", "corkscrew", "somersault", "spin round", "swirl", "gyre", "turn round",
              "turn in place", "turn on the spot", "spin in place", "do a spin", "do spins", "do a pirouette"],
    "grows": ["grow", "expand", "enlarge", "swell", "inflate", "get bigger", "get larger", "scale up", "magnify",
              "bulge", "increase", "mushroom", "balloon out", "blow up", "swell up", "bloat",
              "super size", "supersize", "double in size", "double its size", "triple in size",
              "triple its size"],
    "shrinks": ["shrink", "contract", "deflate", "dwindle", "diminish", "get smaller", "shrivel", "scale down",
                "wane", "decrease", "wither", "condense", "compress", "melt", "melt away", "shrivel up", "dwindle away",
                "fade away", "halve in size", "halve its size", "lose size"],
    "circles": ["circle", "orbit", "revolve", "go around", "go round", "move in a circle", "loop around",
                "wheel around", "wheel round", "circumnavigate", "circumambulate", "encircle", "do laps", "do a loop",
                "do loops", "loop the loop", "do loop de loops", "do a loop de loop", "do loop de loop", "go in circles",
                "run in circles", "merry go round", "do donuts", "do doughnuts", "run laps",
                "do orbits"],
    "zigzags": ["zigzag", "weave", "slalom", "move in a zigzag", "swerve", "serpentine", "wiggle", "jink", "dodge",
                "dart back and forth", "go every which way", "ping pong"],
    "still": ["stay still", "sit still", "stand still", "rest", "stay put", "remain still", "hold still", "sit",
              "stand", "stay", "remain", "idle", "wait", "sleep", "halt", "do nothing", "stay in place", "stay still",
              "freeze", "hover in place", "sit there", "sit tight", "stay parked", "hang there", "hang in the air", "hang motionless", "hold its pose",
              "keep still"],
}
MOTION_PHRASES = {
    "still": ["still", "static", "motionless", "inert", "dormant", "unmoved", "at a standstill", "stock still",
              "stagnant", "parked", "stationary", "unmoving", "immobile", "at rest", "in place", "not moving",
              "frozen in place", "perfectly still", "statue like", "like a statue", "standing still", "motionless as a statue",
              "not budging", "unbudging", "at a halt"],
    "circles": ["in a circle", "in circles", "round and round", "around in a circle", "loop de loop", "loop the loop",
                "in loops", "in a loop"],
    "zigzags": ["in a zigzag", "zigzag", "zigzagging", "every which way", "this way and that", "to and fro",
                "hither and thither", "all over the place", "zig zag", "zig zags", "zig zagging", "zig zagged",
                "back and forth", "side to side"],
    "bounces": ["up and down"],
}
# Verbs of moving with no direction of their own: "drifts left", "heads skyward".
MOVE_VERBS = ["move", "go", "travel", "drift", "glide", "slide", "roll", "fly", "swim", "float", "head", "cruise",
              "sail", "race", "dash", "run", "hurry", "wander", "creep", "crawl", "shift", "cross", "scoot", "flow",
              "zip", "speed", "come", "walk", "skate", "coast", "flutter", "flap", "budge", "stir", "trundle", "swoop",
              "hurtle", "ease", "relocate", "roam", "mount", "scramble", "slump", "meander", "strafe",
              "sidle", "inch", "veer", "advance", "proceed", "dart", "scurry", "scuttle", "scamper", "amble", "stroll",
              "tiptoe", "sprint", "jog", "plod", "waddle", "trudge", "lurch", "paddle", "pedal", "migrate", "journey",
              "voyage", "commute", "steer", "wend", "careen", "rush", "barrel", "whizz", "whiz", "streak", "skim",
              "slither", "sneak", "prowl", "traverse", "hustle", "make a beeline"]
# A verb of moving that is also a common noun ("the edge of the lake"): only its -ing and past forms.
MOVE_FORMS = ["edging", "edged"]
DIRECTIONS = {
    "left": ["left", "leftward", "leftwards", "to the left", "westward", "westwards", "west", "towards the left",
             "toward the left", "westbound", "leftbound", "westerly"],
    "right": ["right", "rightward", "rightwards", "to the right", "eastward", "eastwards", "east",
              "towards the right", "toward the right", "eastbound", "rightbound", "easterly"],
    "up": ["up", "upward", "upwards", "skyward", "skywards", "heavenward", "heavenwards", "aloft", "higher", "uphill",
           "northbound", "upbound", "northward", "northwards", "northerly", "north"],
    "down": ["down", "downward", "downwards", "earthward", "earthwards", "lower", "downhill", "groundward",
             "groundwards", "southbound", "downbound", "southward", "southwards", "southerly", "south"],
}
# Things above or below, with "-ward(s)", "-wardly" or "-bound" a way to move: "ceilingward", "floorwards", "roofbound"
DIRECTION_NOUNS = {"up": ["ceiling", "roof", "sky", "heaven", "cloud", "sun", "moon", "star", "space", "top", "attic",
                          "summit", "peak", "treetop", "rooftop", "upstairs", "air"],
                   "down": ["floor", "ground", "earth", "bottom", "basement", "cellar", "seabed", "seafloor", "dirt",
                            "soil", "grave", "downstairs", "pavement", "carpet"]}
# "toward the top edge", "to the lower border", "toward the eastern edge": which side of the frame a thing heads
# for (north is up, as a map is read)
for _direction, _sides in {"left": ["left", "western"], "right": ["right", "eastern"], "up": ["top", "upper", "northern"],
                           "down": ["bottom", "lower", "southern"]}.items():
    DIRECTIONS[_direction] += [f"{to}{the} {side}{edge}" for to in ("toward", "towards", "to") for the in ("", " the")
                               for side in _sides for edge in ("", " edge", " border", " side", " of the frame")
                               if f"{to}{the} {side}{edge}" not in DIRECTIONS[_direction]
                               and not (side in ("upper", "lower", "western", "eastern", "northern", "southern") and not edge)]

SETTING_PHRASES = {
    "blue sky": ["blue sky", "clear blue sky", "clear sky", "daytime sky", "the sky", "sky", "skies", "heavens",
                 "day sky", "sunny sky", "daylight", "daylit", "welkin", "atmosphere", "daytime", "sunlight",
                 "sunshine", "broad daylight", "open air", "lunchtime", "lunch time", "noontime", "high noon",
                 "midmorning", "mid morning", "midafternoon", "mid afternoon"],
    "sunset": ["sunset", "dusk", "sundown", "twilight", "sunset sky", "afterglow", "golden hour", "sunrise", "dawn",
               "afterlight", "dusky", "eventide", "gloaming", "magic hour", "sun dips low", "sun dipping low",
               "sun goes down", "sun going down", "sun sinks", "sun sinking", "low sun", "suppertime", "supper time", "dinnertime",
               "dinner time", "teatime", "crepuscular", "evenfall", "setting sun", "rising sun",
               "end of the day", "day's end"],
    "night sky": ["night sky", "starry night sky", "starry sky", "the night", "night", "nighttime", "midnight", "bedtime", "wee hours", "witching hour",
                  "starlit sky", "moonlit sky", "night time", "moonlight", "after dark", "nightfall", "darkness", "lunar glow",
                  "small hours", "dead of night", "blackness", "pitch dark"],
    "ocean": ["ocean", "sea", "the sea", "ocean water", "seascape", "open sea", "open water", "water",
              "underwater", "lagoon", "bay", "lake", "seawater", "tidewater", "briny", "brine", "marine", "high seas", "seas",
              "saltwater"],
    "grass field": ["grass field", "grassy field", "green grass", "grass", "field", "meadow", "lawn", "pasture",
                    "prairie", "grassland", "park", "turf", "green field", "farmland",
                    "clover", "clover patch"],
    "desert": ["desert", "sandy desert", "desert sand", "sand", "sands", "dunes", "sand dunes", "wasteland",
               "sahara", "arid desert", "dunescape", "badlands", "arid", "mojave", "sandscape", "sunbaked"],
    "snow field": ["snow field", "snowfield", "snowy field", "snowy ground", "snow", "tundra", "glacier",
                   "ice field", "snowy plain", "arctic", "snowy landscape", "snow covered field", "frozen", "icy",
                   "wintry", "polar", "ice", "icecap", "ice cap", "frozen plain", "permafrost", "north pole", "south pole",
                   "antarctica", "antarctic", "greenland", "ice sheet", "ski slope", "ski slopes", "igloo",
                   "glacial"],
    "outer space": ["outer space", "space", "deep space", "cosmos", "galaxy", "universe", "void", "the void",
                    "interstellar space", "among the stars", "nebula", "nebulae", "planet", "planets", "comet", "comets",
                    "asteroid", "asteroids", "asteroid belt", "meteor", "meteors", "solar system", "milky way",
                    "celestial body", "heavenly body", "orbit around earth", "space station", "zero g",
                    "zero gravity", "vacuum", "starscape", "stratosphere"],
    "plain studio": ["plain studio", "studio background", "plain grey backdrop", "studio", "backdrop",
                     "plain background", "blank background", "neutral background", "photo studio", "plain backdrop",
                     "grey backdrop", "blank canvas", "photo booth", "soundstage", "sound stage", "seamless",
                     "seamless backdrop", "cyclorama", "white void", "bare set",
                     "featureless wall", "room", "empty room", "bare room", "indoors", "interior",
                     "white background", "black background", "grey background", "gray background", "solid background",
                     "white backdrop", "black backdrop", "plain white background", "solid colour background", "softbox",
                     "softboxes", "softbox lamps", "softbox lights", "studio lights", "studio lighting", "photoshoot",
                     "photo shoot", "headshot", "headshot session", "lightbox", "product shot", "product photography",
                     "infinity cove", "infinity wall"],
}
# Time-of-day words that turn a sky into its setting: "evening sky", "midnight heavens".
SKY_TIMES = {"sunset": ["evening", "sunset", "dusk", "twilight"], "night sky": ["night", "midnight", "nocturnal",
             "moonlit", "starry", "starlit"], "blue sky": ["daytime", "midday", "noon", "morning", "afternoon",
                                                           "clear", "blue", "sunny"]}
SKY_NOUNS = ["sky", "skies", "heavens", "overhead"]  # "high overhead": up in the sky

CAMERA_NOUNS = ["camera", "the camera", "view", "shot", "lens", "viewpoint", "frame", "cam", "camera movement",
                "camera motion", "framing", "perspective", "vantage point", "point of view", "cameraman",
                "camera operator", "cinematographer", "tripod", "viewfinder", "vista",
                # rigs that carry the camera, as shot lists name them ("dolly shot moving right")
                "dolly", "dolly shot", "crane shot", "jib", "gimbal", "steadicam", "drone shot", "drone footage",
                "drone camera", "aerial shot", "aerial view", "aerial footage",
                # what people film with
                "phone", "smartphone", "iphone", "phone camera", "camcorder", "gopro", "webcam", "handycam", "camera phone",
                "dslr", "mirrorless", "filmmaker", "videographer", "photographer", "film crew", "camera crew"]
# "look", "point", "aim", "face", "turn": which way the camera looks ("cam looking westish"); said of a thing, its
# direction decides ("a ball turning left")
PAN_VERBS = ["pan", "track", "truck", "sweep", "swing", "whip pan", "look", "point", "aim", "face", "turn"]
ZOOM_PHRASES = {
    "zoom in": ["zoom in", "zooms in", "zooming in", "zoomed in", "push in", "pushes in", "pushing in", "dolly in",
                "dollies in", "crash zoom", "snap zoom"],
    "zoom out": ["zoom out", "zooms out", "zooming out", "zoomed out", "pull back", "pulls back", "pulling back",
                 "pull out", "pulls out", "pulling out", "dolly out", "dollies out"],
}
# Zoom words that speak of the camera only inside its clause ("the view widening").
LENS_VERBS = {"zoom in": ["tighten", "push closer", "close in", "move closer", "approach", "narrow", "advance",
                          "crop tight", "crop in", "go telephoto"],
              "zoom out": ["widen", "pull away", "recede", "back away", "retreat", "broaden", "withdraw", "reveal"]}
# The same words said of a thing, not the camera: what it does on screen ("a ring widening" grows, "a ball
# approaching" comes nearer and grows, "a ball receding" shrinks); "reveal" says nothing of a thing.
LENS_OBJECT_MOTIONS = {"grows": ["widen", "broaden", "approach", "advance", "close in", "move closer", "push closer"],
                       "shrinks": ["tighten", "narrow", "recede", "retreat", "back away", "pull away", "withdraw"]}
# Which way along the lens axis: inside the camera's clause, nearer is a zoom in and back a zoom out.
DEPTH = {"zoom in": ["nearer", "closer", "forward", "forwards", "inward", "inwards"],
         "zoom out": ["back", "backward", "backwards", "away", "outward", "outwards", "farther", "further away"]}
STATIC_PHRASES = ["fixed", "unflinching", "steady", "steadied", "locked", "immobile camera", "static camera", "fixed camera", "static shot", "locked off", "locked off shot", "tripod shot",
                  "camera stays still", "still camera", "camera is still"]

AMBIENCE_PHRASES = {
    "snow": ["falling snow", "snow falls", "snowfall", "snowflakes", "snowing", "flurries", "blizzard",
             "snow falling", "falling snowflakes", "flakes", "sleet", "flurry", "snowstorm"],
    "rain": ["rain", "raining", "rainfall", "drizzle", "downpour", "rain falling", "rainy", "raindrops",
             "in the rain", "showers", "monsoon", "deluge", "rainstorm", "cloudburst"],
    "clouds": ["drifting clouds", "clouds drift", "clouds drift by", "clouds", "cloudy", "overcast",
               "puffy clouds", "cloud", "cirrus", "stratus", "cumulus"],
    "twinkle": ["twinkling stars", "stars twinkle", "twinkle", "twinkling", "sparkling stars", "glittering stars",
                "shimmering stars", "starlight", "sparkling starlight", "glittering starlight", "starfield",
                "star field", "constellations", "glinting stars", "astral lights",
                "starlets"],
    "waves": ["waves", "wave", "waves roll", "rolling waves", "breakers", "surf", "ripples", "tide", "whitecaps", "rollers", "combers", "billows"],
}

COUNTS = {1: ["one", "1", "single", "a single", "lone", "a lone", "solitary", "only one", "just one"],
          2: ["two", "2", "pair of", "a pair of", "couple of", "a couple of", "twin", "both", "pair", "duo", "duo of",
              "brace of", "twosome", "paired", "duplicate", "double", "dual", "a matching pair of"],
          3: ["three", "3", "trio of", "a trio of", "triple", "trio", "triad", "triad of", "threesome of", "threesome",
              "treble", "triplet", "triplets", "threefold"]}
# Counts the world cannot draw (it holds at most three objects).
MANY = {"four": 4, "4": 4, "five": 5, "5": 5, "six": 6, "6": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
        "dozen": 12, "a dozen": 12, "many": 4, "several": 4, "lots of": 4, "a lot of": 4, "dozens of": 24,
        "hundreds of": 100, "a flock of": 4, "a school of": 4, "a swarm of": 4, "countless": 100, "numerous": 4,
        "a group of": 4, "a bunch of": 4, "a handful of": 4, "a set of": 4, "a row of": 4, "a pile of": 4}

# Relation phrases: (relation, swap). swap means the object named first is the second one.
RELATIONS = {
    ("above", False): ["above", "over", "on", "on top of", "atop", "upon", "higher than", "resting on", "sitting on",
                       "perched on", "hovering over", "on the top of", "stacked on", "stacked onto", "stacked upon",
                       "balanced on", "balanced upon", "resting upon", "further up than", "topping", "crowning",
                       "surmounting", "overtopping", "capping"],
    ("above", True): ["below", "beneath", "under", "underneath", "lower than", "under the", "underneath the",
                      "supporting", "holding up", "propping up", "further down than", "underpinning", "bearing",
                      "shouldering"],
    ("left of", False): ["left of", "to the left of", "on the left of", "leftward of", "west of",
                         "on the left side of", "west from", "leftward from", "leftwards from",
                         "further left than", "further leftwards than", "more westerly than", "further west than",
                         "westward of", "leftwards of", "westwards of", "more leftward than",
                         "westerly relative", "westerly relative to", "leftward relative to"],
    ("left of", True): ["right of", "to the right of", "on the right of", "east of", "on the right side of",
                        "east from", "rightward from", "rightwards from", "further right than",
                        "further rightwards than", "more easterly than", "further east than", "eastward of",
                        "rightwards of", "eastwards of", "more rightward than",
                        "easterly relative", "easterly relative to", "rightward relative to"],
}

NEGATIONS = ["no", "not", "without", "never", "zero", "free of", "sans", "lacking", "devoid of", "free from", "nor", "neither", "none", "minus", "instead of", "rather than"]  # "n't" is split off as "not"
# Words that carry nothing for the slots.
FILLERS = ["a", "an", "the", "of", "and", "with", "in", "at", "by", "as", "that", "which", "who", "is", "are",
           "it", "its", "it's", "this", "there", "video", "clip", "footage", "scene", "animation", "shot of",
           "showing", "shows", "while", "against", "into", "from", "through", "across", "along", "amid", "among",
           "around", "behind", "beyond", "near", "onto", "very", "slowly", "quickly", "gently", "steadily", "fast",
           "slow", "smoothly", "some", "background", "setting", "colour", "coloured", "hue", "hued", "tinted", "tone",
           "toned", "shade", "painted", "to", "for", "be", "being", "keeps", "keep", "constantly", "object",
           "shape", "thing", "then", "just", "also", "here", "all", "way", "whole", "time", "entire", "sequence",
           "during", "before", "after", "inside", "within", "throughout", "under", "any", "picture", "imagine",
           "show", "depict", "render", "beside", "near", "next to", "together with", "alongside", "plus",
           "accompanying", "neighbouring", "film", "short film", "movie", "cinematic", "clip", "reel", "style",
           # what prompts add about the picture, not its content
           "hd", "uhd", "hdr", "1080p", "720p", "photorealistic", "realistic", "hyperrealistic",
           "high quality", "highly detailed", "detailed", "masterpiece", "award winning", "trending", "render of",
           "look", "see", "watch", "behold", "view of", "cgi", "3d", "animated", "stylized", "vibrant",
           "ext", "exterior", "int", "interior",  # a screenplay's slug line: "EXT. desert - ..."
           "pov", "point of view",  # whose view, not what is in it
           "close up", "closeup", "extreme close up", "wide shot", "medium shot", "long shot", "establishing shot",
           "out", "out of",  # framing words, and "out" (WordNet's noun is a baseball out)
           "motion", "movement", "action", "subject", "color", "lighting", "mood",  # "ball: red; motion: bounce"
           "bg", "length", "duration", "runtime", "location",
           # a side that is no place: "in front of" (the world draws no depth), like "behind"
           "in front of", "front", "in back of"]
# A structured brief's field labels ("BG: ... / SUBJECT: ... / LENGTH: 5s"): each says what its field is, and a
# field opens a phrase as a clause does ("Subject: matcha briefcase")
FIELD_LABELS = ["bg", "background", "subject", "subjects", "length", "duration", "runtime", "location", "setting",
                "scene", "style", "mood", "notes", "note", "format", "description", "concept", "prompt", "idea",
                "action", "motion", "movement", "main character", "character", "object", "objects", "environment"]
# Who asks and how ("can you make ...", "i want ..."): fillers that, like an article, may open an object phrase.
REQUESTS = ["i", "me", "my", "you", "your", "we", "us", "our", "please", "can you", "could you", "would you",
            "will you", "can i", "can we", "i want", "i would like", "i'd like", "give me", "show me", "make",
            "create", "generate", "animate", "draw", "produce", "drew", "sketched", "doodled", "painted me", "made me", "would like", "wants", "want", "wanted",
            "need", "needs", "needed", "let", "lets", "let us",  # "let's go for a red ball"
            # English's existential: "there will be a ...", "there are two ..."
            "there is", "there are", "there was", "there were", "there will be", "there should be", "there would be",
            "there must be", "there could be", "there can be"]
FILLERS += REQUESTS
# English's closed classes that no table reads: pronouns, conjunctions, interjections and chat shorthand name
# nothing to draw ("because my nephew loves these", "hey!! ... pls"), however near MiniLM puts them to a shape
FILLERS += ["these", "those", "he", "she", "they", "them", "him", "his", "her", "hers", "their", "theirs", "itself",
            "themselves", "myself", "yourself", "mine", "yours", "ours", "something", "anything", "everything",
            "someone", "anyone", "everyone", "because", "since", "so", "if", "although", "though", "unless", "cause",
            "cuz", "coz", "bc", "hey", "hi", "hello", "yo", "pls", "plz", "please please", "thanks", "thx", "ty",
            "ok", "okay", "lol", "omg", "wow", "yay", "haha", "btw", "idk", "tbh", "ngl", "rn", "asap", "past",
            "could", "would", "should", "can", "will", "may", "might", "must", "shall", "any chance", "um", "uh",
            "whatever", "yeah", "kinda", "sorta", "maybe", "one step", "a step", "a bit", "a little"]
# Verbs that say little by themselves ("taking flight", "doing nothing", "having a spin"): the phrases that hold
# them are in the tables; alone they are no motion, whatever WordNet's senses say ("take" -> shrink)
LIGHT_VERBS = ["do", "take", "make", "have", "give"]
BOUNDARIES = [",", ";", ".", ":", "!", "?", "while", "as", "whereas", "but", "meanwhile", "where", "wherever"]
# Emoji and emoticons that picture something the world draws, as the words the tables read ("a tan <3",
# "a 💙 over the 🌊"); the others (✨, 😍, 🙏) are how a prompt feels, and are dropped with the rest of non-ASCII.
EMOJI = {
    "<3": "heart", "\u2764": "red heart", "\u2665": "heart", "\U0001f499": "blue heart", "\U0001f49a": "green heart",
    "\U0001f49b": "yellow heart", "\U0001f49c": "purple heart", "\U0001f9e1": "orange heart",
    "\U0001f5a4": "black heart", "\U0001f90d": "white heart", "\U0001f90e": "brown heart", "\U0001f497": "pink heart",
    "\U0001f496": "pink heart", "\U0001f495": "pink hearts", "\u2b50": "star", "\U0001f31f": "star",
    "\u26bd": "ball", "\U0001f3c0": "ball", "\U0001f3be": "ball", "\U0001f3d0": "ball", "\U0001f3b1": "black ball",
    "\U0001f534": "red ball", "\U0001f535": "blue ball", "\U0001f7e2": "green ball", "\U0001f7e1": "yellow ball",
    "\U0001f7e0": "orange ball", "\U0001f7e3": "purple ball", "\U0001f7e4": "brown ball", "\u26ab": "black ball",
    "\u26aa": "white ball", "\U0001f7e5": "red box", "\U0001f7e6": "blue box", "\U0001f7e9": "green box",
    "\U0001f7e8": "yellow box", "\U0001f4e6": "box", "\U0001f381": "box", "\U0001f53a": "red triangle",
    "\U0001f53b": "red triangle", "\U0001f48d": "ring", "\u2b55": "red ring", "\U0001f41f": "fish",
    "\U0001f420": "fish", "\U0001f421": "fish", "\U0001f426": "bird", "\U0001f54a": "white bird",
    "\U0001f424": "yellow bird", "\U0001f425": "yellow bird", "\U0001f305": "sunset", "\U0001f304": "sunset",
    "\U0001f307": "sunset", "\U0001f30a": "ocean", "\U0001f3dc": "desert", "\u2744": "snow", "\u2603": "snow",
    "\u26c4": "snow", "\U0001f30c": "space", "\U0001fa90": "space", "\U0001f319": "night", "\U0001f303": "night",
    "\u2605": "star", "\u2606": "star", "\u2661": "heart", "\U0001f498": "heart", "\U0001f49d": "heart",
    "\U0001f49e": "hearts", "\U0001f493": "heart", "\U0001f48c": "heart", "\u2601": "clouds", "\U0001f327": "rain", "\u2614": "rain",
}

IRREGULAR_VERBS = {
    "fall": ["fell", "fallen"], "rise": ["rose", "risen"], "fly": ["flies", "flew", "flown"], "swim": ["swam", "swum"],
    "run": ["ran"], "go": ["goes", "went", "gone"], "sink": ["sank", "sunk"], "spin": ["spun"], "grow": ["grew", "grown"],
    "shrink": ["shrank", "shrunk"], "swing": ["swung"], "spring": ["sprang", "sprung"], "leap": ["leapt"],
    "sit": ["sat"], "stand": ["stood"], "come": ["came"], "get": ["got", "gets"], "swell": ["swollen"],
    "speed": ["sped"], "creep": ["crept"], "take": ["took", "taken"], "do": ["does", "did", "done"], "make": ["made"],
    "have": ["has", "had"], "give": ["gave", "given"], "freeze": ["froze", "frozen"], "blow": ["blew", "blown"],
}
# Verbs that double their last consonant before -ing/-ed ("dropping"; British "travelling").
DOUBLE_ALWAYS = {"drop", "hop", "bob", "spin", "run", "swim", "sit", "get", "dip", "zigzag", "zip", "pan", "skip",
                 "slip", "hit", "plop", "jog", "plod", "whiz"}
DOUBLE_L = {"travel", "swivel", "shrivel", "pedal", "barrel"}


# Lexicon words whose everyday sense WordNet means in its synsets and definitions, not the world's: its "space"
# is room or area ("expanse", "loft"), the world's is outer space, which WordNet names "outer space"
WORDNET_OTHER_SENSE = frozenset({"space"})
# The words a WordNet hypernym may land on: each names its class as a whole ("a warbler" is a bird,
# "to clamber" is to climb). A synonym may be any word of the lexicon.
CLASS_WORDS = {
    "ball", "sphere", "globe", "box", "cube", "star", "heart", "triangle", "ring", "hoop", "torus", "bird", "fish",
    "sky", "heavens", "sea", "ocean", "water", "field", "grassland", "meadow", "grass", "desert", "snow", "snowfield",
    "glacier", "space", "outer space", "universe", "studio", "night", "evening", "sunset", "dusk",
    "rain", "snowfall", "cloud", "wave", "waves",
    "fall", "drop", "rise", "climb", "ascend", "descend", "sink", "bounce", "jump", "spin", "rotate", "revolve", "grow",
    "expand", "increase", "shrink", "contract", "decrease", "circle", "zigzag", "move", "travel", "go", "fly", "swim",
    "remain", "rest", "stay", "wait", "sleep", "darkness", "sunlight",
    "red", "orange", "yellow", "green", "blue", "purple", "pink", "white", "black", "brown",
}
# Hypernyms that say a motion though, as synonyms, they say too much else ("stir" is also "raise" a spirit):
# read only one step or more above a word ("hoist" -> raise -> rises).
HYPERNYM_MOTIONS = {"raise": "rises"}


def inflect(phrase: str) -> list[str]:
    """A verb phrase and its -s, -ing and past forms (the first word inflects): "fall down" -> "falls down", ..."""
    verb, _, rest = phrase.partition(" ")
    tail = f" {rest}" if rest else ""
    stem = verb[:-1] if verb.endswith("e") and not verb.endswith(("ee", "ye", "oe")) else verb
    double = verb in DOUBLE_ALWAYS or verb in DOUBLE_L
    ing = (verb + verb[-1] if double else stem) + "ing"
    if verb.endswith("ie"):
        ing = verb[:-2] + "ying"
    s = verb + ("es" if verb.endswith(("s", "sh", "ch", "x", "z", "o")) else "s")
    if verb.endswith("y") and verb[-2] not in "aeiou":
        s = verb[:-1] + "ies"
    ed = (verb + verb[-1] if double else stem) + "ed"
    if verb.endswith("y") and verb[-2] not in "aeiou":
        ed = verb[:-1] + "ied"
    forms = [verb, s, ing, ed, *IRREGULAR_VERBS.get(verb, [])]
    return [f + tail for f in dict.fromkeys(forms)]


def plural(noun: str) -> str:
    head, _, last = noun.rpartition(" ")
    word = IRREGULAR_PLURALS.get(last) or (last[:-1] + "ies" if last.endswith("y") and last[-2] not in "aeiou"
                                           else last + ("es" if last.endswith(("s", "sh", "ch", "x")) else "s"))
    return f"{head} {word}".strip()


def build() -> dict[str, tuple[str, object]]:
    """Phrase -> (tag, value). Later tables win over earlier ones for the same phrase."""
    table: dict[str, tuple[str, object]] = {}

    def add(phrases, tag, value=None):
        for p in phrases:
            table[p] = (tag, value)

    add(FILLERS, FILLER)
    add(ADJECTIVES, FILLER)
    add([f for v in LIGHT_VERBS for f in inflect(v) if f not in table], FILLER)
    for kind, nouns in OBJECT_NOUNS.items():
        add(nouns, OBJECT, (kind, 1))
        add([plural(n) for n in nouns if plural(n) != n], OBJECT, (kind, 2))
    for colour, words in COLOUR_WORDS.items():
        add([colour, *words], COLOUR, colour)
    for stem in MOVE_VERBS:
        add(inflect(stem), MOVE)
    add(MOVE_FORMS, MOVE)
    for direction, words in DIRECTIONS.items():
        add(words, DIRECTION, direction)
    for direction, nouns in DIRECTION_NOUNS.items():  # "floorward", "ceilingwardly", "floor-bound" (hyphens split words)
        add([f"{n}{join}{suffix}" for n in nouns for join, suffixes in (("", ("ward", "wards", "wardly", "bound")),
                                                                        (" ", ("bound", "ward", "wards")))
             for suffix in suffixes if f"{n}{join}{suffix}" not in table], DIRECTION, direction)
    for motion, stems in MOTION_VERBS.items():
        add([f for s in stems for f in inflect(s)], MOTION, motion)
    for motion, phrases in MOTION_PHRASES.items():
        add(phrases, MOTION, motion)
    for setting, phrases in SETTING_PHRASES.items():
        add(phrases, SETTING, setting)
    for setting, words in SKY_TIMES.items():
        add([w for w in words if w not in table], TIME, setting)
    add(SKY_NOUNS, SKY)
    add(CAMERA_NOUNS, CAMERA)
    add([f for v in PAN_VERBS for f in inflect(v)], PAN)
    for move, phrases in ZOOM_PHRASES.items():
        add(phrases, ZOOM, move)
    for move, stems in LENS_VERBS.items():
        add([f for s in stems for f in inflect(s)], LENS, move)
    for move, words in DEPTH.items():
        add(words, LENS, move)
    add(STATIC_PHRASES, STATIC)
    for ambience, phrases in AMBIENCE_PHRASES.items():
        add(phrases, AMBIENCE, ambience)
    for n, phrases in COUNTS.items():
        add(phrases, COUNT, n)
    for phrase, n in MANY.items():
        table[phrase] = (COUNT, n)
    for key, phrases in RELATIONS.items():
        add(phrases, RELATION, key)
    add(NEGATIONS, NEGATION)
    add(BOUNDARIES, BOUNDARY)
    for colour, things in THING_COLOURS.items():  # only where no table reads the word otherwise
        add([t for t in things if t not in table], THING, colour)
    return table
