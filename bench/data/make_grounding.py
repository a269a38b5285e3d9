"""Write bench/data/grounding.jsonl: paraphrases of the world's scenes with the slots they mean.

Every word of every prompt is one the captioner never writes (`caption_vocabulary()`); the
script refuses to write otherwise. Each split has its own words and its own sentence shapes:

- dev: the words the lexicon (vidloom/world/lexicon.py) was built and checked against;
- heldout: written before its words were looked up or added anywhere; measured once as
  written (the "before" figure), after which the lexicon was extended;
- heldout2: written after that extension, with words that were in no table at the time; measured
  once, then the lexicon was extended again;
- heldout3, heldout4, heldout5: the same again, each with words in no table and in no earlier split; each
  measured once as written (bench/README.md has every figure and the commit it was taken at).
- heldout6: written blind like heldout3-5, with fresh words and sentence shapes in no table and no earlier split.
- heldout7: written blind like heldout3-6, with fresh words and sentence shapes (a request, a screenplay
  slug line, a casual aside) in no table and no earlier split.
- heldout8: written blind like heldout3-7, with fresh words and sentence shapes (a social-media caption
  with a hashtag, a storyboard panel line, a question) in no table and no earlier split.
- heldout9: written blind like heldout3-8, with fresh everyday words and sentence shapes (a text message
  to a friend, an imperative with a reason clause, an emoji caption) in no table and no earlier split.
- heldout10: written blind like heldout3-9, with fresh everyday words and sentence shapes (a bullet list
  on one line, a question to an assistant, a voice-dictation run-on) in no table and no earlier split.
- heldout11: written blind like heldout3-10, with fresh everyday words and sentence shapes (a caption with a
  timestamp range, a third-person note about a client's request with a parenthetical aside, a parent describing
  a child's drawing) in no table and no earlier split.
- heldout12: written blind like heldout3-11, with fresh everyday words (colours by plain colour words and by
  foods, materials, animals and plants) and sentence shapes (a labelled brief that gives the place and weather
  before the subject, a future-tense "there will be", an unpunctuated lowercase request) in no table and no
  earlier split.

Each case: prompt, split, expect (all ten slots; "*" = any value: an object outside the world,
whose nearest object is MiniLM's call), notice (whether the prompt asks for something outside
the world) and words (the synonyms it uses per slot).

    python bench/data/make_grounding.py        # rewrites the file; the same seed gives the same file
"""
from __future__ import annotations

import json
import random
import re
from pathlib import Path

from vidloom.world.caption import caption_vocabulary
from vidloom.world.slots import SLOT_NAMES

OUT = Path(__file__).with_name("grounding.jsonl")

WORDS = {
    "dev": {
        "colour": {"red": ["crimson", "scarlet"], "orange": ["tangerine", "apricot"], "yellow": ["lemon", "mustard"],
                   "green": ["emerald", "jade"], "blue": ["cobalt", "sapphire"], "purple": ["violet", "amethyst"],
                   "pink": ["rose", "bubblegum"], "white": ["ivory", "chalky"], "black": ["charcoal", "sooty"],
                   "brown": ["chestnut", "chocolate"]},
        "kind": {"ball": ["sphere|spheres", "orb|orbs"], "box": ["cube|cubes", "crate|crates"],
                 "star": ["pentagram|pentagrams"], "heart": ["valentine|valentines"],
                 "triangle": ["pyramid|pyramids", "wedge|wedges"], "ring": ["hoop|hoops", "donut|donuts"],
                 "bird": ["sparrow|sparrows", "parrot|parrots"], "fish": ["trout|trout", "minnow|minnows"]},
        "motion": {"left": ["gliding leftward", "coasting westward"], "right": ["gliding rightward", "sailing east"],
                   "up": ["climbing skyward", "ascending"], "down": ["sinking", "descending slowly"],
                   "falls": ["plummeting", "tumbling"], "rises": ["soaring", "levitating"],
                   "bounces": ["hopping", "bobbing"], "spins": ["twirling", "whirling"],
                   "grows": ["expanding", "swelling"], "shrinks": ["dwindling", "contracting"],
                   "circles": ["orbiting", "looping around"], "zigzags": ["weaving", "slaloming"],
                   "still": ["motionless", "resting"]},
        "setting": {"blue sky": ["across daytime heavens", "beneath sunny skies"],
                    "sunset": ["at twilight", "during sundown"], "night sky": ["at midnight", "beneath moonlit skies"],
                    "ocean": ["across open seawater", "within lagoon"], "grass field": ["across meadow", "amid pasture"],
                    "desert": ["across dunes", "amid Sahara"], "snow field": ["across tundra", "upon glacier"],
                    "outer space": ["amid cosmos", "within galaxy"], "plain studio": ["inside photo booth",
                                                                                       "before blank canvas"]},
        "camera": {"pan left": ["view tracking westward", "lens sweeping leftward"],
                   "pan right": ["view tracking eastward", "lens sweeping rightward"],
                   "zoom in": ["lens pushing closer", "view tightening"], "zoom out": ["lens pulling back",
                                                                                       "view widening"],
                   "static": ["locked off shot", "tripod shot"]},
        "ambience": {"snow": ["flurries", "snowflakes"], "rain": ["drizzle", "downpour"],
                     "clouds": ["overcast", "puffy cloud cover"], "twinkle": ["sparkling starlight",
                                                                             "glittering starlight"],
                     "waves": ["breakers", "ripples"]},
        "relation": {("above", False): ["atop", "perched upon"], ("above", True): ["beneath", "underneath"],
                     ("left of", False): ["leftward from", "west from"], ("left of", True): ["rightward from", "east from"]},
        "count": {2: ["two", "pair"], 3: ["three", "trio"]},
        "together": ["alongside", "plus"],
        "negation": {"motion": ["not budging", "not travelling"], "ambience": ["no {}", "without {}"]},
        "templates": ["{np} {mot} {set}{extra}", "footage showing {np} {mot} {set}{extra}",
                      "{set_cap}: {np} {mot}{extra}"],
        "outside": {"noun": ["dragon|dragons", "elephant|elephants", "car|cars", "house|houses"],
                    "verb": ["dancing", "singing", "laughing"]},
    },
    "heldout": {
        "colour": {"red": ["cherry", "vermilion"], "orange": ["saffron", "ginger"], "yellow": ["canary", "buttery"],
                   "green": ["olive", "mossy"], "blue": ["azure", "navy"], "purple": ["plum", "lilac"],
                   "pink": ["blush", "flamingo"], "white": ["alabaster", "milky"], "black": ["onyx", "ebony"],
                   "brown": ["cocoa", "rust"]},
        "kind": {"ball": ["globule|globules", "spheroid|spheroids"], "box": ["hexahedron|hexahedrons", "trunk|trunks"],
                 "star": ["starburst|starbursts"], "heart": ["cardioid|cardioids", "love emblem|love emblems"],
                 "triangle": ["trigon|trigons", "three sided polygon|three sided polygons"],
                 "ring": ["annulus|annuli", "circlet|circlets"], "bird": ["magpie|magpies", "warbler|warblers"],
                 "fish": ["mackerel|mackerel", "halibut|halibut"]},
        "motion": {"left": ["careening leftwards", "westbound"], "right": ["meandering eastwards", "eastbound"],
                   "up": ["clambering heavenwards", "scaling skyward"], "down": ["settling earthwards", "subsiding"],
                   "falls": ["nosediving", "crashing earthward"], "rises": ["taking off", "surging skyward"],
                   "bounces": ["pogoing", "ricocheting"], "spins": ["cartwheeling", "twisting"],
                   "grows": ["bulging", "widening"], "shrinks": ["shriveling", "waning"],
                   "circles": ["circumnavigating", "wheeling around"], "zigzags": ["zig zagging", "swerving"],
                   "still": ["inert", "dormant"]},
        "setting": {"blue sky": ["beneath azure firmament", "amid noonday heavens"],
                    "sunset": ["at eventide", "amid dusky afterlight"], "night sky": ["after nightfall",
                                                                                   "beneath moonlight"],
                    "ocean": ["across briny expanse", "amid tidewater"], "grass field": ["across greensward",
                                                                                       "amid hayfield"],
                    "desert": ["across barren badlands", "amid dunescape"], "snow field": ["across frozen steppe",
                                                                                           "upon polar icecap"],
                    "outer space": ["among nebulae", "amid zero gravity"],
                    "plain studio": ["before seamless sweep", "inside empty soundstage"]},
        "camera": {"pan left": ["perspective veering westwards", "framing shifting leftwards"],
                   "pan right": ["perspective veering eastwards", "framing shifting rightwards"],
                   "zoom in": ["perspective closing nearer", "framing narrowing"],
                   "zoom out": ["framing widens", "perspective receding"],
                   "static": ["unmoving tripod", "stationary framing"]},
        "ambience": {"snow": ["sleet", "powdery flakes"], "rain": ["cloudburst", "rainstorm"],
                     "clouds": ["cumulus", "nimbus puffs"], "twinkle": ["glinting constellations",
                                                                        "scintillating starfield"],
                     "waves": ["whitecaps", "rollers"]},
        "relation": {("above", False): ["stacked onto", "topping"], ("above", True): ["supporting", "underpinning"],
                     ("left of", False): ["further leftwards than", "more westerly than"], ("left of", True): ["further rightwards than",
                                                                                              "more easterly than"]},
        "count": {2: ["2", "duo"], 3: ["3", "triad"]},
        "together": ["beside", "near"],
        "negation": {"motion": ["never stirring", "isn't wandering"], "ambience": ["zero {}", "without any {}"]},
        "templates": ["{np}, {mot}, {set}{extra}", "picture {np} {mot} {set}{extra}",
                      "{mot_cap} {set}, {np}{extra}"],
        "outside": {"noun": ["tractor|tractors", "giraffe|giraffes", "castle|castles", "robot|robots"],
                    "verb": ["juggling", "cooking", "typing"]},
    },
    "heldout2": {
        "colour": {"red": ["garnet", "cardinal"], "orange": ["persimmon", "clementine"],
                   "yellow": ["daffodil", "sunflower"], "green": ["fern", "pistachio"],
                   "blue": ["cerulean", "cornflower"], "purple": ["aubergine", "heliotrope"],
                   "pink": ["carnation", "rosy"], "white": ["porcelain", "frosty"], "black": ["sable", "licorice"],
                   "brown": ["walnut", "toffee"]},
        "kind": {"ball": ["gumball|gumballs", "bauble|baubles"], "box": ["casket|caskets", "toolbox|toolboxes"],
                 "star": ["pentacle|pentacles", "hexagram|hexagrams"],
                 "heart": ["love sign|love signs", "cupid symbol|cupid symbols"],
                 "triangle": ["prism|prisms", "trilateral|trilaterals"], "ring": ["washer|washers", "bagel|bagels"],
                 "bird": ["hummingbird|hummingbirds", "kingfisher|kingfishers"],
                 "fish": ["flounder|flounders", "angelfish|angelfish"]},
        "motion": {"left": ["swooping leftward", "trundling westerly"], "right": ["hurtling rightward",
                                                                               "trundling easterly"],
                   "up": ["mounting higher", "scrambling skywards"], "down": ["slumping groundwards",
                                                                            "easing downwards"],
                   "falls": ["cascading", "collapsing"], "rises": ["rocketing skyward", "uplifting"],
                   "bounces": ["bounding", "skipping"], "spins": ["swirling", "gyring"],
                   "grows": ["ballooning", "mushrooming"], "shrinks": ["condensing", "compressing"],
                   "circles": ["encircling", "doing laps"], "zigzags": ["jinking", "meandering"],
                   "still": ["stagnant", "parked"]},
        "setting": {"blue sky": ["amid daylit atmosphere", "beneath bright welkin"],
                    "sunset": ["during evenfall", "amid crepuscular glow"], "night sky": ["amid darkness",
                                                                                        "beneath lunar glow"],
                    "ocean": ["across high seas", "amid saltwater"], "grass field": ["across farmland",
                                                                                      "amid clover patch"],
                    "desert": ["amid Mojave", "across sunbaked sandscape"], "snow field": ["across permafrost",
                                                                                          "amid glacial plateau"],
                    "outer space": ["amid starscape", "beyond stratosphere"],
                    "plain studio": ["inside bare set", "before featureless wall"]},
        "camera": {"pan left": ["viewfinder sidling leftwards", "vista strafing leftward"],
                   "pan right": ["viewfinder sidling rightwards", "vista strafing rightward"],
                   "zoom in": ["viewfinder inching nearer", "vista constricting"],
                   "zoom out": ["viewfinder easing backwards", "vista broadening"],
                   "static": ["unflinching viewfinder", "fixed viewfinder"]},
        "ambience": {"snow": ["flurry", "snowstorm"], "rain": ["monsoon", "torrential deluge"],
                     "clouds": ["cirrus", "stratus"], "twinkle": ["glimmering astral lights", "blinking starlets"],
                     "waves": ["combers", "billows"]},
        "relation": {("above", False): ["overtopping", "capping"], ("above", True): ["bearing", "shouldering"],
                     ("left of", False): ["more leftward than", "westerly relative"],
                     ("left of", True): ["more rightward than", "easterly relative"]},
        "count": {2: ["twosome", "paired"], 3: ["threesome", "treble"]},
        "together": ["accompanying", "neighbouring"],
        "negation": {"motion": ["never relocating", "isn't roaming"], "ambience": ["sans {}", "lacking {}"]},
        "templates": ["short film, {np} {mot} {set}{extra}", "{np} {mot} {set}{extra}, cinematic",
                      "{set_cap}; {np} {mot}{extra}"],
        "outside": {"noun": ["submarine|submarines", "kangaroo|kangaroos", "windmill|windmills",
                             "bicycle|bicycles"],
                    "verb": ["knitting", "painting", "reading"]},
    },
    "heldout3": {
        "colour": {"red": ["raspberry", "tomato"], "orange": ["mango", "carrot"], "yellow": ["banana", "goldenrod"],
                   "green": ["sage", "lime"], "blue": ["denim", "ultramarine"], "purple": ["grape", "mulberry"],
                   "pink": ["peony", "candyfloss"], "white": ["eggshell", "linen"], "black": ["tar", "ink"],
                   "brown": ["mocha", "umber"]},
        "kind": {"ball": ["pompom|pompoms", "beachball|beachballs"],
                 "box": ["strongbox|strongboxes", "footlocker|footlockers"],
                 "star": ["pentangle|pentangles", "five pointed shape|five pointed shapes"],
                 "heart": ["amour symbol|amour symbols", "romance icon|romance icons"],
                 "triangle": ["pennant|pennants", "yield sign|yield signs"], "ring": ["quoit|quoits", "cheerio|cheerios"],
                 "bird": ["heron|herons", "swift|swifts"], "fish": ["barracuda|barracudas", "pike|pikes"]},
        "motion": {"left": ["scuttling leftwards", "paddling west"], "right": ["sauntering rightwards", "paddling east"],
                   "up": ["shinnying upwards", "winching higher"], "down": ["sagging earthwards", "drooping lower"],
                   "falls": ["plopping", "freefalling"], "rises": ["upswinging", "elevating"],
                   "bounces": ["boinging", "jouncing"], "spins": ["pinwheeling", "whirligigging"],
                   "grows": ["dilating", "distending"], "shrinks": ["tapering", "minimizing"],
                   "circles": ["circuiting", "spiralling around"], "zigzags": ["switchbacking", "squiggling"],
                   "still": ["lingering", "unstirring"]},
        "setting": {"blue sky": ["amid open air", "beneath bright skydome"],
                    "sunset": ["amid vesper light", "at day's end"], "night sky": ["amid blackness",
                                                                                  "during witching hour"],
                    "ocean": ["across open waters", "amid coral reef"], "grass field": ["amid savanna",
                                                                                         "across undulating pastureland"],
                    "desert": ["amid Gobi", "across salt flats"], "snow field": ["amid icefield",
                                                                                "across alpine snowpack"],
                    "outer space": ["among distant planets", "amid celestial blackness"],
                    "plain studio": ["inside bare room", "before neutral curtain"]},
        "camera": {"pan left": ["camcorder swiveling leftwards", "crane traversing west"],
                   "pan right": ["camcorder swiveling rightwards", "crane traversing east"],
                   "zoom in": ["camcorder edging nearer", "crane encroaching"],
                   "zoom out": ["camcorder withdrawing", "crane reversing"],
                   "static": ["unwavering camcorder", "anchored crane"]},
        "ambience": {"snow": ["graupel", "whiteout"], "rain": ["squall", "precipitation"],
                     "clouds": ["nimbostratus", "cloudbank"], "twinkle": ["starshine", "astral glimmer"],
                     "waves": ["swash", "wavelets"]},
        "relation": {("above", False): ["astride", "piled onto"], ("above", True): ["underlying", "cradling"],
                     ("left of", False): ["westward from", "leftwardly from"],
                     ("left of", True): ["eastward from", "rightwardly from"]},
        "count": {2: ["dual", "couple"], 3: ["triplet", "trinity"]},
        "together": ["abreast", "flanking"],
        "negation": {"motion": ["never wavering", "not progressing"], "ambience": ["absent {}", "minus {}"]},
        "templates": ["{np}, {mot} {set}{extra}", "scene showing {np} {mot} {set}{extra}",
                      "{mot_cap}, {np} {set}{extra}"],
        "outside": {"noun": ["lighthouse|lighthouses", "octopus|octopuses", "umbrella|umbrellas", "teapot|teapots"],
                    "verb": ["sneezing", "whistling", "yawning"]},
    },
    "heldout4": {
        "colour": {"red": ["cranberry", "poppy"], "orange": ["marmalade", "cantaloupe"], "yellow": ["primrose", "straw"],
                   "green": ["avocado", "spinach"], "blue": ["periwinkle", "bluebell"], "purple": ["wisteria",
                                                                                                "boysenberry"],
                   "pink": ["cerise", "petal"], "white": ["chalk", "vanilla"], "black": ["coal", "pitch"],
                   "brown": ["sepia", "hazelnut"]},
        "kind": {"ball": ["cannonball|cannonballs", "snowball|snowballs"],
                 "box": ["storage bin|storage bins", "lunchbox|lunchboxes"],
                 "star": ["shuriken|shurikens", "sheriff badge|sheriff badges"],
                 "heart": ["locket|lockets", "affection symbol|affection symbols"],
                 "triangle": ["nacho|nachos", "triangular flag|triangular flags"],
                 "ring": ["lifebelt|lifebelts", "wedding band|wedding bands"],
                 "bird": ["pelican|pelicans", "woodpecker|woodpeckers"], "fish": ["catfish|catfish", "piranha|piranhas"]},
        "motion": {"left": ["ambling leftward", "skittering westwards"], "right": ["ambling rightward",
                                                                                "skittering eastwards"],
                   "up": ["ratcheting skyward", "escalating upwards"], "down": ["trickling downwards", "ebbing lower"],
                   "falls": ["capsizing", "crumpling"], "rises": ["lifting", "hoisting"],
                   "bounces": ["dribbling", "caroming"], "spins": ["reeling", "pivoting"],
                   "grows": ["waxing", "burgeoning"], "shrinks": ["lessening", "downsizing"],
                   "circles": ["circumvolving", "lapping"], "zigzags": ["fishtailing", "staggering"],
                   "still": ["dozing", "pausing"]},
        "setting": {"blue sky": ["amid noontime brightness", "beneath sunshine"],
                    "sunset": ["amid dying light", "at day's close"], "night sky": ["under moonless gloom",
                                                                                   "during small hours"],
                    "ocean": ["across Atlantic", "amid Pacific"], "grass field": ["across golf course", "amid veldt"],
                    "desert": ["across Kalahari", "amid scorching wilderness"],
                    "snow field": ["across Antarctica", "amid snowbound valley"],
                    "outer space": ["amid asteroid belt", "beyond Jupiter"],
                    "plain studio": ["inside empty gallery", "before blank scrim"]},
        "camera": {"pan left": ["steadicam slewing leftward", "gimbal arcing west"],
                   "pan right": ["steadicam slewing rightward", "gimbal arcing east"],
                   "zoom in": ["steadicam pressing closer", "gimbal nudging nearer"],
                   "zoom out": ["steadicam drawing backwards", "gimbal retiring backwards"],
                   "static": ["rigid steadicam", "secured gimbal"]},
        "ambience": {"snow": ["sleety mix", "snowshowers"], "rain": ["thundershower", "sprinkles"],
                     "clouds": ["cumulonimbus", "fleecy cloudlets"], "twinkle": ["glittering stardust",
                                                                                 "glinting pinpricks"],
                     "waves": ["tidal churn", "spindrift"]},
        "relation": {("above", False): ["teetering upon", "superimposed upon"],
                     ("above", True): ["carrying", "buttressing"],
                     ("left of", False): ["leftmost beside", "westerly beside"],
                     ("left of", True): ["rightmost beside", "easterly beside"]},
        "count": {2: ["double", "duet"], 3: ["threefold", "triumvirate"]},
        "together": ["adjacent", "opposite"],
        "negation": {"motion": ["never venturing", "not journeying"], "ambience": ["barring {}", "excluding {}"]},
        "templates": ["look: {np} {mot} {set}{extra}", "{set_cap}, {np} {mot}{extra}", "{np}, {mot}, {set}{extra}, 4k"],
        "outside": {"noun": ["locomotive|locomotives", "cactus|cacti", "zebra|zebras", "hamburger|hamburgers"],
                    "verb": ["wrestling", "gossiping", "skiing"]},
    },
    "heldout5": {
        "colour": {"red": ["lobster", "claret"], "orange": ["tangelo", "nectarine"], "yellow": ["mimosa", "citrine"],
                   "green": ["celadon", "verdigris"], "blue": ["lapis", "delft"], "purple": ["eggplant", "magenta"],
                   "pink": ["taffy", "blossom"], "white": ["marshmallow", "cotton"], "black": ["soot", "ebon"],
                   "brown": ["cinnamon", "teak"]},
        "kind": {"ball": ["ballbearing|ballbearings", "meatball|meatballs"],
                 "box": ["shoebox|shoeboxes", "filing cabinet|filing cabinets"],
                 "star": ["twinkler|twinklers", "pentad|pentads"],
                 "heart": ["sweetheart decal|sweetheart decals", "ardour token|ardour tokens"],
                 "triangle": ["pizza slice|pizza slices", "teepee|teepees"],
                 "ring": ["keyring|keyrings", "inner tube|inner tubes"],
                 "bird": ["nightingale|nightingales", "albatross|albatrosses"], "fish": ["sunfish|sunfish",
                                                                                      "grouper|groupers"]},
        "motion": {"left": ["marching leftward", "tiptoeing westward"], "right": ["marching rightward",
                                                                                "tiptoeing eastward"],
                   "up": ["hauling skyward", "towering upwards"], "down": ["wilting downwards", "trailing earthwards"],
                   "falls": ["plunking", "flopping"], "rises": ["wafting upwards", "hovering higher"],
                   "bounces": ["bopping", "springboarding"], "spins": ["twiddling", "spindling"],
                   "grows": ["bloating", "fattening"], "shrinks": ["thinning", "compacting"],
                   "circles": ["carouseling", "ringing"], "zigzags": ["tacking", "juking"],
                   "still": ["reposing", "loafing"]},
        "setting": {"blue sky": ["amid sunlit yonder", "beneath bright canopy"],
                    "sunset": ["amid setting sun", "at vespertide"], "night sky": ["amid nightscape",
                                                                                      "beneath moon"],
                    "ocean": ["amid Mediterranean", "amid Caribbean"], "grass field": ["amid prairieland",
                                                                                         "across paddock"],
                    "desert": ["across Atacama", "amid drylands"],
                    "snow field": ["across icebound fjord", "amid Lapland"],
                    "outer space": ["beyond Saturn", "amid spacetime"],
                    "plain studio": ["inside vacant warehouse", "before unadorned backcloth"]},
        "camera": {"pan left": ["handycam trailing leftward", "vlogger strolling west"],
                   "pan right": ["handycam trailing rightward", "vlogger strolling east"],
                   "zoom in": ["handycam homing nearer", "vlogger stepping closer"],
                   "zoom out": ["handycam backing away", "vlogger stepping backwards"],
                   "static": ["immovable handycam", "planted vlogger"]},
        "ambience": {"snow": ["snowdust", "crystalline flecks"], "rain": ["wet weather", "pelting droplets"],
                     "clouds": ["cloudscape", "woolly vapours"], "twinkle": ["glistening starpoints",
                                                                               "winking starpoints"],
                     "waves": ["foaming crests", "frothy seafoam"]},
        "relation": {("above", False): ["straddling", "lording upon"],
                     ("above", True): ["cushioning", "undergirding"],
                     ("left of", False): ["farther west than", "farther leftward than"],
                     ("left of", True): ["farther east than", "farther rightward than"]},
        "count": {2: ["twain", "dyad"], 3: ["troika", "tercet"]},
        "together": ["adjoining", "partnering"],
        "negation": {"motion": ["never straying", "not gallivanting"], "ambience": ["no {}", "without {}"]},
        "templates": ["there is {np} {mot} {set}{extra}", "{set_cap}: {np}, {mot}{extra}",
                      "my montage, {np} {mot} {set}{extra}"],
        "outside": {"noun": ["skyscraper|skyscrapers", "pineapple|pineapples", "bulldozer|bulldozers",
                             "snail|snails"],
                    "verb": ["barking", "texting", "sewing"]},
    },
    "heldout6": {
        "colour": {"red": ["ruby", "oxblood"], "orange": ["pumpkin", "marigold"], "yellow": ["honey", "dandelion"],
                   "green": ["mint", "shamrock"], "blue": ["turquoise", "prussian"], "purple": ["damson", "heather"],
                   "pink": ["watermelon", "fuchsia"], "white": ["lily", "bone"], "black": ["tuxedo", "anthracite"],
                   "brown": ["coffee", "caramel"]},
        "kind": {"ball": ["gobstopper|gobstoppers", "boule|boules"], "box": ["hamper|hampers", "bento|bentos"],
                 "star": ["estrella|estrellas", "spangle|spangles"],
                 "heart": ["like button|like buttons", "coeur|coeurs"],
                 "triangle": ["tortilla chip|tortilla chips", "samosa|samosas"],
                 "ring": ["scrunchie|scrunchies", "life preserver|life preservers"],
                 "bird": ["puffin|puffins", "wren|wrens"], "fish": ["tilapia|tilapia", "anchovy|anchovies"]},
        "motion": {"left": ["shimmying toward western edge", "scooting sinistrally"],
                   "right": ["shimmying toward eastern edge", "scooting dextrally"],
                   "up": ["heading northward", "clawing toward zenith"],
                   "down": ["heading southward", "dipping gradually"],
                   "falls": ["toppling", "plunging"], "rises": ["launching", "riding thermals"],
                   "bounces": ["rebounding", "trampolining"], "spins": ["pirouetting", "rotating"],
                   "grows": ["inflating", "enlarging"], "shrinks": ["deflating", "diminishing"],
                   "circles": ["patrolling perimeters", "circumambulating"], "zigzags": ["snaking", "crisscrossing"],
                   "still": ["idling", "staying put"]},
        "setting": {"blue sky": ["cloudless summertime", "crisp empyrean"],
                    "sunset": ["final rays", "ember-lit horizon"], "night sky": ["unlit murk", "long past bedtime"],
                    "ocean": ["far offshore", "mid-Aegean"],
                    "grass field": ["cricket outfield", "sheep-cropped downland"],
                    "desert": ["Sonoran heat", "Namib"], "snow field": ["Siberian winter", "Yukon backcountry"],
                    "outer space": ["interstellar reaches", "Neptune flyby"],
                    "plain studio": ["infinity cove", "minimalist cyc"]},
        "camera": {"pan left": ["dolly trucking portside", "drone yawing counterclockwise"],
                   "pan right": ["dolly trucking starboard", "drone yawing clockwise"],
                   "zoom in": ["dolly creeping toward subject", "drone approaching"],
                   "zoom out": ["dolly retreating", "drone departing"],
                   "static": ["dolly stopped dead", "drone holding position"]},
        "ambience": {"snow": ["feathery sifting", "fluffy dusting"], "rain": ["pitter-patter", "mizzle"],
                     "clouds": ["thunderheads", "leaden ceiling"], "twinkle": ["flickering motes", "sequin shimmer"],
                     "waves": ["spume", "heaving swells"]},
        "relation": {("above", False): ["overhanging", "cresting"],
                     ("above", True): ["propping", "upholding"],
                     ("left of", False): ["sinistrally abutting", "portside touching"],
                     ("left of", True): ["dextrally abutting", "starboard touching"]},
        "count": {2: ["twofold", "deux"], 3: ["tres", "triplicate"]},
        "together": ["escorting", "chaperoning"],
        "negation": {"motion": ["doesn't migrate", "won't shuffle anyplace"], "ambience": ["{}-free", "nix {}"]},
        "templates": ["{np} {mot} — {set}{extra}, anamorphic", "can you make {np} {mot}? {set_cap}{extra}",
                      "dreamy vignette: {set}, {np} {mot}{extra}"],
        "outside": {"noun": ["helicopter|helicopters", "tortoise|tortoises", "accordion|accordions",
                             "scarecrow|scarecrows"],
                    "verb": ["snoring", "vacuuming", "meditating"]},
    },
    "heldout7": {
        "colour": {"red": ["strawberry", "ketchup"], "orange": ["mandarin", "kumquat"], "yellow": ["sweetcorn", "yolk"],
                   "green": ["leafy", "broccoli"], "blue": ["blueberry", "smurf"], "purple": ["lavender", "ube"],
                   "pink": ["barbie", "sakura"], "white": ["pearly", "ghostly"], "black": ["obsidian", "vantablack"],
                   "brown": ["muddy", "mahogany"]},
        "kind": {"ball": ["marble|marbles", "globe|globes"], "box": ["carton|cartons", "parcel|parcels"],
                 "star": ["asterisk|asterisks", "etoile|etoiles"],
                 "heart": ["smitten emoji|smitten emojis", "adoration glyph|adoration glyphs"],
                 "triangle": ["delta|deltas", "arrowhead|arrowheads"], "ring": ["halo|halos", "bangle|bangles"],
                 "bird": ["finch|finches", "seagull|seagulls"], "fish": ["sardine|sardines", "guppy|guppies"]},
        "motion": {"left": ["sliding leftish", "hastening toward nine o'clock"],
                   "right": ["sliding rightish", "hastening toward righthand side"],
                   "up": ["trekking uphill", "crawling toward upper border"],
                   "down": ["trekking downhill", "crawling toward bottom border"],
                   "falls": ["dropping suddenly", "dive-bombing"], "rises": ["gaining altitude", "floating aloft"],
                   "bounces": ["jumping repeatedly", "leaping rhythmically"], "spins": ["gyrating", "revolving axially"],
                   "grows": ["plumping", "becoming enormous"], "shrinks": ["getting tinier", "withering"],
                   "circles": ["tracing loops", "describing ovals"],
                   "zigzags": ["sawtoothing", "lurching along jagged diagonals"],
                   "still": ["sedentary", "immobile"]},
        "setting": {"blue sky": ["glorious midday", "breezy midair"],
                    "sunset": ["gloaming", "fiery evening"], "night sky": ["nocturnal hush", "predawn dimness"],
                    "ocean": ["leagues seaward", "Baltic"],
                    "grass field": ["freshly mown lawn", "wildflower lea"],
                    "desert": ["outback", "parched wasteland"], "snow field": ["Svalbard", "icy hillside"],
                    "outer space": ["void between worlds", "weightless emptiness"],
                    "plain studio": ["undecorated atelier", "tabletop lightbox"]},
        "camera": {"pan left": ["videographer turning leftish", "smartphone whipping larboard"],
                   "pan right": ["videographer turning rightish", "smartphone whipping toward righthand side"],
                   "zoom in": ["videographer advancing", "smartphone magnifying"],
                   "zoom out": ["videographer distancing", "smartphone revealing wider surroundings"],
                   "static": ["videographer standing firm", "smartphone clamped rock-solid"]},
        "ambience": {"snow": ["blizzard", "heavy snowfall"], "rain": ["raindrops", "drenching downfall"],
                     "clouds": ["scudding wisps", "brooding stormclouds"], "twinkle": ["coruscating pinpoints",
                                                                          "dazzling specks overhead"],
                     "waves": ["pounding surf", "wind-lashed chop"]},
        "relation": {("above", False): ["crowning", "looming"],
                     ("above", True): ["balancing", "bolstering"],
                     ("left of", False): ["leftish versus", "larboard bordering"],
                     ("left of", True): ["rightish versus", "righthand bordering"]},
        "count": {2: ["twin", "dos"], 3: ["trey", "drei"]},
        "together": ["shadowing", "snuggling"],
        "negation": {"motion": ["going nowhere", "not even twitching"], "ambience": ["please no {}", "{} not wanted"]},
        "templates": ["i want {np} {mot}, {set}{extra}, 8k", "EXT. {set_cap} - {np} {mot}{extra}",
                      "ok so {np} {mot}... {set}{extra}"],
        "outside": {"noun": ["motorbike|motorbikes", "hippo|hippos", "cathedral|cathedrals", "squirrel|squirrels"],
                    "verb": ["baking", "ironing", "sobbing"]},
    },
    "heldout8": {
        "colour": {"red": ["chili", "postbox"], "orange": ["papaya", "Fanta"], "yellow": ["buttercup", "Pikachu"],
                   "green": ["pea", "Kermit"], "blue": ["cyan", "Windex"], "purple": ["acai", "Barney"],
                   "pink": ["ballerina", "Pepto"], "white": ["bleached", "stormtrooper"], "black": ["panther", "Vader"],
                   "brown": ["acorn", "Nutella"]},
        "kind": {"ball": ["jawbreaker|jawbreakers", "dodgeball|dodgeballs"],
                 "box": ["suitcase|suitcases", "shipping container|shipping containers"],
                 "star": ["tree topper|tree toppers", "nova|novas"],
                 "heart": ["corazon|corazones", "cuore|cuori"],
                 "triangle": ["Dorito|Doritos", "party hat|party hats"],
                 "ring": ["bundt cake|bundt cakes", "lifesaver|lifesavers"],
                 "bird": ["budgie|budgies", "toucan|toucans"], "fish": ["snapper|snappers", "haddock|haddock"]},
        "motion": {"left": ["scurrying westside", "whooshing leftways"],
                   "right": ["scurrying eastside", "whooshing rightways"],
                   "up": ["trotting upstairs", "wriggling towards rooftops"],
                   "down": ["scampering downstairs", "burrowing towards basement"],
                   "falls": ["face-planting", "skydiving"], "rises": ["catching updrafts", "achieving liftoff"],
                   "bounces": ["ping-ponging", "yo-yoing"], "spins": ["twizzling", "busting 360s"],
                   "grows": ["supersizing", "upsizing"], "shrinks": ["miniaturizing", "scrunching"],
                   "circles": ["whizzing roundabouts", "circulating"],
                   "zigzags": ["lightning-bolting", "sidestepping erratically"],
                   "still": ["chilling", "lazing about"]},
        "setting": {"blue sky": ["picnic-perfect summer", "kite festival"],
                    "sunset": ["dimming day", "sundowner vibes"], "night sky": ["overnight", "crescent moonrise"],
                    "ocean": ["Adriatic", "shipping lanes"],
                    "grass field": ["fairway", "Irish countryside"],
                    "desert": ["Sinai", "tumbleweed country"], "snow field": ["Greenland", "ski slope"],
                    "outer space": ["Andromeda", "spacewalk"],
                    "plain studio": ["catalog photoshoot", "packshot setup"]},
        "camera": {"pan left": ["GoPro scanning lefthand", "camerawoman glancing lefty"],
                   "pan right": ["GoPro scanning rightways", "camerawoman glancing righty"],
                   "zoom in": ["GoPro punching tighter", "camerawoman crowding it"],
                   "zoom out": ["GoPro opening wide", "camerawoman backpedaling"],
                   "static": ["GoPro bolted snugly", "iPhone wedged unshakably"]},
        "ambience": {"snow": ["snowmageddon", "fresh powder"], "rain": ["pouring buckets", "thunderstorm"],
                     "clouds": ["altocumulus", "gloomy blanket"], "twinkle": ["fairy dust", "gleaming bling"],
                     "waves": ["shorebreak", "surfable barrels"]},
        "relation": {("above", False): ["piggybacking", "plonked upon"],
                     ("above", True): ["lugging", "toting"],
                     ("left of", False): ["lefthand from", "leftways from"],
                     ("left of", True): ["eastside from", "rightways from"]},
        "count": {2: ["deuce", "zwei"], 3: ["trifecta", "trois"]},
        "together": ["befriending", "mingling"],
        "negation": {"motion": ["never fidgeting", "ain't traipsing about"], "ambience": ["ditch {}", "{}? nope"]},
        "templates": ["POV: {np} {mot} {set}{extra} #nofilter", "storyboard panel — {set_cap} | {np} {mot}{extra}",
                      "how about {np} {mot} {set}{extra}?"],
        "outside": {"noun": ["volcano|volcanoes", "toaster|toasters", "rhino|rhinos", "saxophone|saxophones"],
                    "verb": ["yodeling", "hiccuping", "crocheting"]},
    },
    "heldout9": {
        "colour": {"red": ["fire-engine", "ladybug"], "orange": ["traffic-cone", "amber"],
                   "yellow": ["school-bus", "gold"], "green": ["pickle", "cucumber"], "blue": ["royal", "aqua"],
                   "purple": ["mauve", "orchid"], "pink": ["piggy", "lipstick"], "white": ["paper", "sugar"],
                   "black": ["jet", "asphalt"], "brown": ["tan", "wooden"]},
        "kind": {"ball": ["basketball|basketballs", "bubble|bubbles"], "box": ["package|packages", "toy block|toy blocks"],
                 "star": ["five-pointer|five-pointers", "starfruit slice|starfruit slices"],
                 "heart": ["<3|<3s", "love shape|love shapes"],
                 "triangle": ["tent|tents", "sandwich half|sandwich halves"], "ring": ["bracelet|bracelets", "tyre|tyres"],
                 "bird": ["pigeon|pigeons", "owl|owls"], "fish": ["tuna|tuna", "cod|cod"]},
        "motion": {"left": ["cruising leftbound", "hurrying westwardly"],
                   "right": ["cruising rightbound", "hurrying eastwardly"],
                   "up": ["edging ceilingward", "going northbound"], "down": ["edging floorward", "going southbound"],
                   "falls": ["crash-landing", "going splat"], "rises": ["heading heavenward", "taking flight"],
                   "bounces": ["springing", "pogo-sticking"], "spins": ["turning round", "corkscrewing"],
                   "grows": ["getting gigantic", "puffing outward"], "shrinks": ["going teeny", "melting away"],
                   "circles": ["doing loop-de-loop", "merry-go-rounding"],
                   "zigzags": ["darting back-n-forth", "dodging every which way"],
                   "still": ["doing nothing", "statue-like"]},
        "setting": {"blue sky": ["outdoors around noon", "under summery daylight"],
                    "sunset": ["at golden hour", "around suppertime"], "night sky": ["after dark", "at 3am"],
                    "ocean": ["miles from shore", "where whales swim"],
                    "grass field": ["at soccer practice", "around city park"],
                    "desert": ["around Death Valley", "through camel caravans"],
                    "snow field": ["around North Pole", "at igloo village"],
                    "outer space": ["past Mars", "among comets"],
                    "plain studio": ["under softbox lamps", "at headshot session"]},
        "camera": {"pan left": ["phone swinging leftward", "cam looking westish"],
                   "pan right": ["phone swinging rightward", "cam looking eastish"],
                   "zoom in": ["phone nearing subject", "cam showing more detail"],
                   "zoom out": ["phone leaving subject", "cam showing more scenery"],
                   "static": ["phone held steady", "cam mounted firmly"]},
        "ambience": {"snow": ["snowing hard", "tiny ice crystals"], "rain": ["rainy", "steady showers"],
                     "clouds": ["cloudy", "dull gray overhead"], "twinkle": ["glittery sparkles", "shining dots"],
                     "waves": ["choppy swell", "wave after wave"]},
        "relation": {("above", False): ["higher than", "sat upon"],
                     ("above", True): ["lower than", "below"],
                     ("left of", False): ["leftside next door", "just leftwards from"],
                     ("left of", True): ["rightside next door", "just rightwards from"]},
        "count": {2: ["2x", "duplicate"], 3: ["3x", "triple"]},
        "together": ["&", "sharing frame w/"],
        "negation": {"motion": ["not going anywhere", "not leaving its spot"],
                     "ambience": ["forget {}", "don't add {}"]},
        "templates": ["hey!! make me {np} {mot} {set}{extra} pls 🙏",
                      "render {np} {mot} {set}{extra}, because my nephew loves these",
                      "✨ {set_cap} ✨ {np} {mot}{extra} 😍"],
        "outside": {"noun": ["cow|cows", "laptop|laptops", "sofa|sofas", "dinosaur|dinosaurs"],
                    "verb": ["clapping", "shouting", "drumming"]},
    },
    "heldout10": {
        "colour": {"red": ["stop-sign", "candy-apple"], "orange": ["Cheeto", "jack-o'-lantern"],
                   "yellow": ["taxicab", "SpongeBob"], "green": ["lettuce", "zucchini"],
                   "blue": ["Cookie-Monster", "Facebook"], "purple": ["Cadbury", "Tinky-Winky"],
                   "pink": ["Peppa-Pig", "chewing-gum"], "white": ["flour", "toothpaste"],
                   "black": ["goth", "crude-oil"], "brown": ["teddy-bear", "peanut-butter"]},
        "kind": {"ball": ["volleyball|volleyballs", "softball|softballs"],
                 "box": ["treasure chest|treasure chests", "gift-wrapped present|gift-wrapped presents"],
                 "star": ["★|★s", "☆|☆s"], "heart": ["♡|♡s", "💘|💘s"],
                 "triangle": ["Toblerone|Toblerones", "coat hanger|coat hangers"],
                 "ring": ["Froot Loop|Froot Loops", "hair tie|hair ties"],
                 "bird": ["cockatoo|cockatoos", "chickadee|chickadees"],
                 "fish": ["clownfish|clownfish", "swordfish|swordfish"]},
        "motion": {"left": ["jogging leftward", "speeding westward"],
                   "right": ["jogging rightward", "speeding eastward"],
                   "up": ["ladder-climbing", "inching ceiling-bound"],
                   "down": ["lowering itself carefully", "inching floor-bound"],
                   "falls": ["hurtling earthbound", "dropping like lead"], "rises": ["blasting off", "going airborne"],
                   "bounces": ["bunny-hopping", "jumping nonstop"], "spins": ["turning dizzily", "doing endless twirls"],
                   "grows": ["getting humongous", "doubling its size"],
                   "shrinks": ["getting itty-bitty", "halving its size"],
                   "circles": ["running laps", "doing wide orbits"],
                   "zigzags": ["serpentining", "winding wildly"],
                   "still": ["just hanging there", "holding its pose"]},
        "setting": {"blue sky": ["under cheerful lunchtime sun", "high overhead during recess"],
                    "sunset": ["at magic hour", "while sun dips low"],
                    "night sky": ["when everyone's asleep", "way past curfew"],
                    "ocean": ["far from any coastline", "during transatlantic crossing"],
                    "grass field": ["amid Yorkshire dales", "across suburban backyards"],
                    "desert": ["around dusty oasis", "across Arabian Peninsula"],
                    "snow field": ["near sledding hill", "across Alaskan winter wilderness"],
                    "outer space": ["near Alpha Centauri", "beyond Pluto"],
                    "plain studio": ["during e-commerce product shoot", "at passport-photo kiosk"]},
        "camera": {"pan left": ["filmmaker slowly turning leftward", "DSLR sweeping westward"],
                   "pan right": ["filmmaker slowly turning rightward", "DSLR sweeping eastward"],
                   "zoom in": ["filmmaker cropping tight", "DSLR going telephoto"],
                   "zoom out": ["filmmaker going wide", "DSLR gradually revealing more"],
                   "static": ["filmmaker holding stable", "DSLR cemented firm"]},
        "ambience": {"snow": ["winter wonderland weather", "blizzardy gusts"],
                     "rain": ["bucketing", "soggy drippy weather"],
                     "clouds": ["fluffy cumuli", "gloomy gray ceiling"],
                     "twinkle": ["diamonds scattered overhead", "distant suns flickering"],
                     "waves": ["curling swells", "foamy breaks crashing ashore"]},
        "relation": {("above", False): ["squashing", "lying atop"],
                     ("above", True): ["squashed beneath", "pinned underneath"],
                     ("left of", False): ["one step westward from", "one seat leftward from"],
                     ("left of", True): ["one step eastward from", "one seat rightward from"]},
        "count": {2: ["2-pack", "two identical"], 3: ["3-pack", "three identical"]},
        "together": ["also featuring", "co-starring"],
        "negation": {"motion": ["not wiggling whatsoever", "never changing position"],
                     "ambience": ["spare me {}", "avoid {}"]},
        "templates": ["• {np} {mot} • {set}{extra} • 10 sec, 1080p",
                      "quick question: any chance you could animate {np} {mot} {set}{extra}?",
                      "um so like I'm thinking {np} {mot} {set}{extra} yeah whatever looks cool period"],
        "outside": {"noun": ["monkey|monkeys", "piano|pianos", "fire hydrant|fire hydrants",
                             "washing machine|washing machines"],
                    "verb": ["skateboarding", "gardening", "whispering"]},
    },
    "heldout11": {
        "colour": {"red": ["Clifford", "Netflix"], "orange": ["Oompa-Loompa", "Tigger"],
                   "yellow": ["Pac-Man", "Simpsons"], "green": ["guacamole", "Ninja-Turtle"],
                   "blue": ["Genie", "Grover"], "purple": ["Milka", "Ribena"],
                   "pink": ["Lyft", "Hubba-Bubba"], "white": ["whipped-cream", "lab-coat"],
                   "black": ["Guinness", "ninja"], "brown": ["root-beer", "fudge"]},
        "kind": {"ball": ["kickball|kickballs", "hacky sack|hacky sacks"],
                 "box": ["toolchest|toolchests", "jewelry case|jewelry cases"],
                 "star": ["✰|✰s", "5-pointed thingy|5-pointed thingies"],
                 "heart": ["❤️|❤️s", "lovey-dovey shape|lovey-dovey shapes"],
                 "triangle": ["pie slice|pie slices", "⚠️|⚠️s"],
                 "ring": ["Hula-Hoop|Hula-Hoops", "Polo mint|Polo mints"],
                 "bird": ["falcon|falcons", "parakeet|parakeets"],
                 "fish": ["betta|bettas", "marlin|marlins"]},
        "motion": {"left": ["dashing leftwards", "rushing westwards"],
                   "right": ["dashing rightwards", "rushing eastwards"],
                   "up": ["trudging upslope", "heading toward top edge"],
                   "down": ["trudging downslope", "heading toward bottom edge"],
                   "falls": ["pitching headlong", "going kerplunk"],
                   "rises": ["being airlifted", "getting beamed aloft"],
                   "bounces": ["hippity-hopping", "going boing boing"],
                   "spins": ["doing pirouettes", "swivelling nonstop"],
                   "grows": ["sprouting larger", "getting massive"],
                   "shrinks": ["getting microscopic", "losing size steadily"],
                   "circles": ["making endless loops", "going round racetrack-style"],
                   "zigzags": ["making sharp alternating turns", "tracing Z-shapes"],
                   "still": ["standing frozen", "napping peacefully"]},
        "setting": {"blue sky": ["midair one sunny afternoon", "high past treetops during broad daylight"],
                    "sunset": ["during fading daylight", "while sun melts into horizon"],
                    "night sky": ["around 2am", "after lullabies"],
                    "ocean": ["amid Gulf Stream currents", "beyond harbour buoys"],
                    "grass field": ["across rugby pitch", "across Wimbledon lawns"],
                    "desert": ["where mirages shimmer", "amid Nevada sagebrush"],
                    "snow field": ["across midwinter Swiss Alps", "across Klondike winter trails"],
                    "outer space": ["light-years from Earth", "somewhere near Venus"],
                    "plain studio": ["during yearbook portrait day", "before unpainted drywall"]},
        "camera": {"pan left": ["Canon swishing westward", "Nikon surveying leftwards"],
                   "pan right": ["Canon swishing eastward", "Nikon surveying rightwards"],
                   "zoom in": ["Canon easing into macro shot", "Nikon closing distance"],
                   "zoom out": ["Canon easing into wide shot", "Nikon increasing distance"],
                   "static": ["Canon untouched throughout", "Nikon keeping dead steady"]},
        "ambience": {"snow": ["flakes coming thick-n-fast", "snowglobe weather"],
                     "rain": ["puddle-splashing weather", "torrents hammering everything"],
                     "clouds": ["cottony heaps overhead", "sun playing peekaboo"],
                     "twinkle": ["fairy lights overhead", "sparkly glitter overhead"],
                     "waves": ["sloshing tide", "Hokusai-style curls"]},
        "relation": {("above", False): ["nestled upon", "riding upon"],
                     ("above", True): ["holding aloft", "tucked under"],
                     ("left of", False): ["at 9 o'clock from", "westernmost alongside"],
                     ("left of", True): ["at 3 o'clock from", "easternmost alongside"]},
        "count": {2: ["two matching", "2 lookalike"], 3: ["three matching", "3 lookalike"]},
        "together": ["hugging", "cuddling"],
        "negation": {"motion": ["not shifting one inch", "never swaying even slightly"],
                     "ambience": ["scrap {}", "remove {}"]},
        "templates": ["[0:00-0:04] {np} {mot} {set}{extra}",
                      "client called: she'd like {np} {mot} {set}{extra} (her idea, not mine)",
                      "my son drew {np} {mot} {set}{extra} — could you bring his drawing alive?"],
        "outside": {"noun": ["unicorn|unicorns", "tugboat|tugboats", "lawnmower|lawnmowers",
                             "ice cream truck|ice cream trucks"],
                    "verb": ["burping", "high-fiving", "playing guitar"]},
    },
    "heldout12": {
        "colour": {"red": ["carmine", "pomegranate"], "orange": ["satsuma", "orangutan"],
                   "yellow": ["custard", "turmeric"], "green": ["matcha", "viridian"],
                   "blue": ["forget-me-not", "indigo"], "purple": ["thistle", "jacaranda"],
                   "pink": ["axolotl", "dragonfruit"], "white": ["plaster", "meringue"],
                   "black": ["caviar", "cast-iron"], "brown": ["grizzly", "gravy"]},
        "kind": {"ball": ["racquetball|racquetballs", "golfball|golfballs"],
                 "box": ["matchbox|matchboxes", "briefcase|briefcases"],
                 "star": ["✶|✶s", "five-armed figure|five-armed figures"],
                 "heart": ["❣|❣s", "V-day doodle|V-day doodles"],
                 "triangle": ["▲|▲s", "bunting flag|bunting flags"], "ring": ["gasket|gaskets", "anklet|anklets"],
                 "bird": ["stork|storks", "goose|geese"], "fish": ["sturgeon|sturgeon", "bream|bream"]},
        "motion": {"left": ["sprinting leftward", "hightailing it westward"],
                   "right": ["sprinting rightward", "hightailing it eastward"],
                   "up": ["rock-climbing higher", "working its way higher"],
                   "down": ["rappelling lower", "working its way lower"],
                   "falls": ["thudding groundward", "belly-flopping"],
                   "rises": ["lifting off gently", "getting carried heavenward"],
                   "bounces": ["leapfrogging", "jumping like popcorn"],
                   "spins": ["whirring like fidget spinner", "turning like propeller"],
                   "grows": ["tripling its size", "going jumbo"],
                   "shrinks": ["getting pint-sized", "becoming minuscule"],
                   "circles": ["racing around oval track", "carving big O-shapes"],
                   "zigzags": ["taking hairpin after hairpin", "cutting sharp diagonal turns"],
                   "still": ["snoozing quietly", "waiting patiently"]},
        "setting": {"blue sky": ["high overhead one bright spring morning", "where jetliners cruise one sunny Tuesday"],
                    "sunset": ["when sun slips behind distant hills", "when shadows stretch longest"],
                    "night sky": ["while whole town sleeps", "during graveyard shift"],
                    "ocean": ["where humpbacks breach", "amid open maritime expanse"],
                    "grass field": ["where cattle graze", "across manicured parkland"],
                    "desert": ["where scorpions lurk", "amid Bedouin encampments"],
                    "snow field": ["amid waist-high snowdrifts", "across snowbound Norwegian highlands"],
                    "outer space": ["beyond our solar system", "among uncharted exoplanets"],
                    "plain studio": ["before bare muslin drape", "under strobes, empty rental loft"]},
        "camera": {"pan left": ["operator rotating fluid head westward", "panoramic turn leftward"],
                   "pan right": ["operator rotating fluid head eastward", "panoramic turn rightward"],
                   "zoom in": ["operator zeroing onto subject", "ever-tighter composition"],
                   "zoom out": ["operator loosening framing", "ever-looser composition"],
                   "static": ["operator leaving framing alone", "CCTV-like unchanging angle"]},
        "ambience": {"snow": ["Christmas-card weather", "snowman-building weather"],
                     "rain": ["windshield-wiper weather", "showery, sodden weather"],
                     "clouds": ["pillowy formations overhead", "dreary, sunless weather"],
                     "twinkle": ["faraway suns pulsing faintly", "heavenly bodies shimmering"],
                     "waves": ["surging whitewater", "rough wavetops"]},
        "relation": {("above", False): ["seated upon", "standing upon"],
                     ("above", True): ["forming pedestal beneath", "flattened under"],
                     ("left of", False): ["placed leftward beside", "stationed westward beside"],
                     ("left of", True): ["placed rightward beside", "stationed eastward beside"]},
        "count": {2: ["two cloned", "2 carbon-copy"], 3: ["three cloned", "3 carbon-copy"]},
        "together": ["vs", "greeting"],
        "negation": {"motion": ["not even wobbling", "never once flinching"], "ambience": ["lose {}", "omit {}"]},
        "templates": ["BG: {set}{extra} / SUBJECT: {np} {mot} / LENGTH: 5s",
                      "there will be {np} {mot} {set}{extra}, then end credits",
                      "need {np} {mot} {set}{extra} asap its for my class project thanks"],
        "outside": {"noun": ["violin|violins", "wheelbarrow|wheelbarrows", "crocodile|crocodiles", "kettle|kettles"],
                    "verb": ["weightlifting", "mopping", "doing yoga"]},
    },
}


def _check(prompt: str) -> None:
    vocab = caption_vocabulary()
    used = [w for w in re.findall(r"[a-z]+", prompt.lower()) if w in vocab]
    if used:
        raise ValueError(f"{prompt!r} uses the captioner's words {used}")


def _np(rng: random.Random, w: dict, count: int = 1) -> tuple[str, str, str, dict]:
    colour = rng.choice(sorted(w["colour"]))
    kind = rng.choice(sorted(w["kind"]))
    cword = rng.choice(w["colour"][colour])
    sg, pl = rng.choice(w["kind"][kind]).split("|")
    if count == 1:
        return f"{cword} {sg}", colour, kind, {"colour": cword, "kind": sg}
    cnt = rng.choice(w["count"][count])
    return f"{cnt} {cword} {pl}", colour, kind, {"colour": cword, "kind": pl, "count": cnt}


def _cases(split: str, n: int, seed: int) -> list[dict]:
    w, rng = WORDS[split], random.Random(seed)
    cases = []
    shapes = ["single"] * 5 + ["camera", "ambience", "both", "count", "relation", "relation", "together",
                               "negation", "outside"]
    for i in range(n):
        shape = shapes[i % len(shapes)]
        expect = {s: None for s in SLOT_NAMES}
        count = rng.choice([2, 3]) if shape == "count" else 1
        np_, colour, kind, words = _np(rng, w, count)
        motions = sorted(w["motion"])
        if shape == "relation":
            motions = ["still", "spins", "grows", "shrinks"]
        motion = rng.choice(motions)
        mot = rng.choice(w["motion"][motion])
        setting = rng.choice(sorted(w["setting"]))
        set_ = rng.choice(w["setting"][setting])
        words.update(motion=mot, setting=set_)
        expect.update(colour=colour, kind=kind, motion=motion, setting=setting, count=count, relation="")
        if count > 1:
            expect.update(second_colour=colour, second_kind=kind)
        extra, notice = "", False
        if shape in ("camera", "both"):
            camera = rng.choice(sorted(w["camera"]))
            words["camera"] = rng.choice(w["camera"][camera])
            expect["camera"] = camera
            extra += ", " + words["camera"]
        if shape in ("ambience", "both"):
            amb = rng.choice(sorted(w["ambience"]))
            words["ambience"] = rng.choice(w["ambience"][amb])
            expect["ambience"] = amb
            extra += ", " + words["ambience"]
        template = rng.choice(w["templates"])
        if shape == "relation":
            (rel, swap) = rng.choice(sorted(w["relation"]))
            other, c2, k2, w2 = _np(rng, w)
            rword = rng.choice(w["relation"][(rel, swap)])
            words.update(relation=rword, second=w2)
            # the moving (main) object's motion word stays next to it
            np_ = f"{other} {rword} {mot} {np_}" if swap else f"{np_} {mot} {rword} {other}"
            template = template.replace(" {mot}", "").replace("{mot_cap} ", "")
            expect.update(relation=rel, count=2, second_colour=c2, second_kind=k2)
        elif shape == "together":
            other, c2, k2, w2 = _np(rng, w)
            tword = rng.choice(w["together"])
            words.update(together=tword, second=w2)
            np_ = f"{np_} {mot} {tword} {other}"
            template = template.replace(" {mot}", "").replace("{mot_cap} ", "")
            expect.update(count=2, second_colour=c2, second_kind=k2)
        elif shape == "negation":
            # "not moving" is still; "no X" says there is no weather
            amb = rng.choice(sorted(w["ambience"]))
            aword = rng.choice(w["ambience"][amb])
            mot = rng.choice(w["negation"]["motion"])
            negated = rng.choice(w["negation"]["ambience"]).format(aword)
            words.update(motion=mot, negated=negated)
            extra += f", {negated}"
            expect.update(motion="still", ambience="none")
        elif shape == "outside":
            noun = rng.choice(w["outside"]["noun"]).split("|")[0]
            cword = words["colour"]
            if rng.random() < 0.5:
                np_, expect["kind"] = f"{cword} {noun}", "*"
                words["kind"] = noun
            else:
                mot, expect["motion"] = rng.choice(w["outside"]["verb"]), None
                words["motion"] = mot
            notice = True
        prompt = template.format(np=np_, mot=mot, set=set_, set_cap=set_[0].upper() + set_[1:], extra=extra,
                                 mot_cap=mot[0].upper() + mot[1:])
        _check(prompt)
        cases.append({"prompt": prompt, "split": split, "expect": expect, "notice": notice, "words": words})
    return cases


def main() -> None:
    cases = _cases("dev", 180, seed=1) + _cases("heldout", 180, seed=2) + _cases("heldout2", 180, seed=3) + _cases("heldout3", 180, seed=4) + _cases("heldout4", 180, seed=5) + _cases("heldout5", 180, seed=6) + _cases("heldout6", 180, seed=7) + _cases("heldout7", 180, seed=8) + _cases("heldout8", 180, seed=9) + _cases("heldout9", 180, seed=10) + _cases("heldout10", 180, seed=11) + _cases("heldout11", 180, seed=12) + _cases("heldout12", 180, seed=13)
    OUT.write_text("".join(json.dumps(c) + "\n" for c in cases))
    print(f"wrote {len(cases)} cases to {OUT}")


if __name__ == "__main__":
    main()
