#!/usr/bin/env python3
"""Writes the bundled demo catalogue: assets/demo/feed.json and assets/demo/images/*.png.

A fictional regional MINT network ("MINT-Netzwerk Saar (Demo)") in a Saarland-sized
region: real town names and coordinates, invented offers. Deterministic: running it twice
gives the same bytes. Dates run from November 2026 to the end of 2027.

    python3 tools/make_demo.py [--out assets/demo]
"""
import argparse
import json
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from pngdraw import Canvas  # noqa: E402

TOWNS = {
    "saarbruecken": ("Saarbrücken", "66111", 49.2354, 6.9969),
    "neunkirchen": ("Neunkirchen", "66538", 49.3500, 7.1800),
    "homburg": ("Homburg", "66424", 49.3270, 7.3380),
    "voelklingen": ("Völklingen", "66333", 49.2525, 6.8597),
    "saarlouis": ("Saarlouis", "66740", 49.3135, 6.7516),
    "merzig": ("Merzig", "66663", 49.4433, 6.6378),
    "stwendel": ("St. Wendel", "66606", 49.4667, 7.1667),
    "stingbert": ("St. Ingbert", "66386", 49.2787, 7.1163),
    "dillingen": ("Dillingen/Saar", "66763", 49.3550, 6.7286),
    "blieskastel": ("Blieskastel", "66440", 49.2372, 7.2549),
    "lebach": ("Lebach", "66822", 49.4100, 6.9100),
    "losheim": ("Losheim am See", "66679", 49.5100, 6.7467),
}

PROVIDERS = [
    ("p-mint-werkstatt", "MINT-Werkstatt Saarbrücken", "https://example.org/mint-werkstatt"),
    ("p-schuelerlabor", "Schülerlabor Saar (Demo)", "https://example.org/schuelerlabor"),
    ("p-sternwarte", "Volkssternwarte Neunkirchen (Demo)", "https://example.org/sternwarte"),
    ("p-stadtbibliothek", "Stadtbibliothek Saarlouis", "https://example.org/bibliothek"),
    ("p-hochschule", "Hochschule Saar – Kinder-Uni (Demo)", "https://example.org/kinderuni"),
    ("p-makerspace", "Makerspace Homburg e. V.", "https://example.org/makerspace"),
    ("p-naturschutz", "Naturerlebnis Bliesgau (Demo)", "https://example.org/bliesgau"),
    ("p-ihk", "Ausbildungsverbund Technik Saar (Demo)", "https://example.org/ausbildung"),
]

PLACES = [
    ("pl-werkstatt", "MINT-Werkstatt im Bahnhofsquartier", "saarbruecken", "Bahnhofstraße 12", 0.0010, 0.0020),
    ("pl-schuelerlabor", "Schülerlabor am Campus", "saarbruecken", "Campus-Allee 3", 0.0190, -0.0250),
    ("pl-sternwarte", "Sternwarte auf dem Hügel", "neunkirchen", "Sternwartenweg 1", 0.0060, 0.0110),
    ("pl-bibliothek", "Stadtbibliothek Saarlouis", "saarlouis", "Kleiner Markt 5", 0.0005, 0.0010),
    ("pl-makerspace", "Makerspace in der Alten Fabrik", "homburg", "Fabrikstraße 8", -0.0030, 0.0040),
    ("pl-hoersaal", "Hörsaalgebäude der Hochschule", "saarbruecken", "Goebenstraße 40", 0.0050, 0.0060),
    ("pl-hof", "Naturerlebnishof Bliesgau", "blieskastel", "Am Wiesenhang 2", -0.0100, 0.0080),
    ("pl-huette", "Weltkulturerbe-Hütte (Besucherzentrum)", "voelklingen", "Rathausstraße 75", 0.0020, -0.0020),
    ("pl-rathaus-merzig", "Rathaus Merzig, Saal 1", "merzig", "Brauerstraße 5", 0.0010, 0.0000),
    ("pl-schule-stwendel", "Gymnasium St. Wendel (Demo)", "stwendel", "Schulstraße 4", 0.0030, -0.0010),
    ("pl-see", "Seeufer Losheim, Forscherhütte", "losheim", "Seeweg 9", -0.0020, 0.0030),
    ("pl-ingbert", "Kulturhaus St. Ingbert", "stingbert", "Kaiserstraße 71", 0.0010, 0.0010),
    ("pl-lebach", "Jugendzentrum Lebach", "lebach", "Dillinger Straße 20", 0.0000, 0.0020),
    ("pl-dillingen", "Technikhalle Dillingen", "dillingen", "Werkstraße 1", 0.0020, -0.0030),
]

# motif, palette (top, bottom, accent)
MOTIFS = {
    "robot": ((255, 214, 102), (255, 160, 90), (60, 90, 160)),
    "circuit": ((140, 210, 170), (40, 130, 110), (250, 220, 90)),
    "code": ((60, 70, 110), (30, 35, 60), (120, 230, 160)),
    "shapes": ((250, 200, 210), (220, 120, 150), (70, 60, 140)),
    "flask": ((190, 225, 255), (110, 160, 230), (250, 120, 90)),
    "stars": ((30, 30, 80), (70, 50, 120), (255, 230, 140)),
    "leaf": ((210, 240, 190), (120, 190, 110), (40, 110, 60)),
    "gear": ((220, 220, 230), (150, 160, 180), (230, 120, 40)),
    "book": ((255, 240, 210), (240, 200, 150), (160, 70, 60)),
    "bridge": ((200, 230, 250), (160, 200, 230), (200, 90, 60)),
}


def draw(motif, variant, path):
    top, bottom, accent = MOTIFS[motif]
    c = Canvas(480, 300)
    c.gradient(top, bottom)
    white = (255, 255, 255)
    dx = variant * 40
    if motif == "robot":
        c.rect(170 + dx, 90, 310 + dx, 210, accent, radius=18)
        c.circle(210 + dx, 140, 18, white)
        c.circle(270 + dx, 140, 18, white)
        c.circle(210 + dx, 140, 8, (20, 20, 20))
        c.circle(270 + dx, 140, 8, (20, 20, 20))
        c.rect(215 + dx, 180, 265 + dx, 192, white, radius=6)
        c.line(240 + dx, 90, 240 + dx, 55, 6, accent)
        c.circle(240 + dx, 50, 10, (230, 60, 60))
        c.rect(140 + dx, 130, 170 + dx, 150, accent, radius=6)
        c.rect(310 + dx, 130, 340 + dx, 150, accent, radius=6)
    elif motif == "circuit":
        for i in range(5):
            y = 60 + i * 45
            c.line(40, y, 440, y, 5, accent)
            c.circle(80 + ((i * 97 + dx) % 320), y, 12, white)
        c.rect(180, 110, 300, 190, (30, 40, 40), radius=8)
        for i in range(6):
            c.rect(190 + i * 18, 100, 198 + i * 18, 110, (200, 200, 200))
    elif motif == "code":
        for i in range(8):
            w = 80 + ((i * 53 + dx) % 220)
            c.rect(60 + (i % 3) * 24, 40 + i * 28, 60 + (i % 3) * 24 + w, 54 + i * 28, accent if i % 2 else white, radius=7)
    elif motif == "shapes":
        c.polygon([(90 + dx, 220), (170 + dx, 80), (250 + dx, 220)], accent)
        c.circle(320, 130, 60, white)
        c.rect(300, 180, 400, 260, (250, 230, 120), radius=10)
    elif motif == "flask":
        c.polygon([(210, 70), (270, 70), (270, 130), (330, 250), (150, 250), (210, 130)], white)
        c.polygon([(190, 200), (290, 200), (330, 250), (150, 250)], accent)
        for i in range(5):
            c.circle(200 + i * 22 + dx / 4, 180 - i * 25, 6 + i, white)
    elif motif == "stars":
        for i in range(40):
            c.circle((i * 137 + dx * 3) % 480, (i * 71) % 300, 1.5 + (i % 3), (255, 255, 230))
        c.circle(330, 150, 60, accent)
        c.ring(330, 150, 95, 8, (230, 200, 255))
    elif motif == "leaf":
        c.polygon([(240, 50), (330, 150), (240, 260), (150, 150)], accent)
        c.line(240, 60, 240, 270, 5, (220, 240, 200))
        for i in range(3):
            c.circle(80 + i * 30 + dx, 240, 14, (250, 220, 80))
    elif motif == "gear":
        for k in range(10):
            a = k * 3.14159 / 5
            import math
            c.circle(240 + 85 * math.cos(a), 150 + 85 * math.sin(a), 20, accent)
        c.circle(240, 150, 80, accent)
        c.circle(240, 150, 30, top)
    elif motif == "book":
        c.polygon([(100, 80), (240, 100), (240, 250), (100, 230)], white)
        c.polygon([(240, 100), (380, 80), (380, 230), (240, 250)], (250, 250, 245))
        for i in range(5):
            c.line(120, 110 + i * 22, 220, 125 + i * 22, 4, accent)
            c.line(260, 125 + i * 22, 360, 110 + i * 22, 4, accent)
    elif motif == "bridge":
        c.rect(0, 220, 480, 300, (80, 140, 200))
        c.rect(40, 150, 440, 165, accent)
        for i in range(9):
            c.line(60 + i * 45, 150, 60 + i * 45, 220, 6, accent)
        c.polygon([(40, 150), (240, 70 + dx / 4), (440, 150), (420, 150), (240, 85 + dx / 4), (60, 150)], accent)
    c.save(path)


# title_de, title_en, summary_de, summary_en, type, subjects, audiences, (age min, max), motif
OFFERS = [
    ("Löten für Einsteiger", "Soldering for beginners", "Wir bauen eine blinkende Weihnachtsmütze.", "We build a blinking Christmas hat.", "workshop", ["technik", "elektronik"], ["children", "youth"], (10, 14), "circuit"),
    ("Roboter-AG: Lego-Roboter programmieren", "Robot club: programming Lego robots", "Jede Woche bauen und programmieren wir Roboter, die Aufgaben lösen.", "Every week we build and program robots that solve tasks.", "course", ["robotik", "informatik"], ["children"], (8, 12), "robot"),
    ("Offene Werkstatt: Basteln mit Strom", "Open workshop: tinkering with electricity", "Komm vorbei, wann du willst: Lampen, Summer und Motoren.", "Drop in whenever you like: lamps, buzzers and motors.", "open_lab", ["technik", "elektronik"], ["children", "families"], (6, 99), "circuit"),
    ("Sternenabend für Familien", "Star night for families", "Mit dem Teleskop zu Mond, Jupiter und Saturn.", "With the telescope to the Moon, Jupiter and Saturn.", "event", ["astronomie"], ["families", "children", "general_public"], (5, 99), "stars"),
    ("Programmieren mit Scratch", "Coding with Scratch", "Wir programmieren ein eigenes Spiel – ganz ohne Vorkenntnisse.", "We code our own game – no experience needed.", "course", ["informatik", "programmierung"], ["children"], (8, 11), "code"),
    ("Mathe-Zirkel: Knobeln und Beweisen", "Maths circle: puzzles and proofs", "Knifflige Aufgaben für alle, die gern rätseln.", "Tricky problems for everyone who loves puzzles.", "course", ["mathematik"], ["youth", "children"], (11, 16), "shapes"),
    ("Chemie in der Küche", "Chemistry in the kitchen", "Warum geht der Kuchen auf? Experimente mit Backpulver und Rotkohl.", "Why does the cake rise? Experiments with baking powder and red cabbage.", "workshop", ["chemie"], ["children", "families"], (7, 12), "flask"),
    ("Feriencamp: Forschen am See", "Holiday camp: research by the lake", "Fünf Tage Wasserproben, Mikroskop und Lagerfeuer.", "Five days of water samples, microscopes and campfires.", "camp", ["biologie", "umwelt"], ["children"], (9, 13), "leaf"),
    ("Lehrkräftefortbildung: Physical Computing", "Teacher training: physical computing", "Calliope mini und Sensoren im Unterricht einsetzen.", "Using Calliope mini and sensors in class.", "course", ["informatik", "technik"], ["teachers"], None, "circuit"),
    ("Schulklassenbesuch im Schülerlabor", "School class visit to the student lab", "Experimente zu Licht und Farbe für ganze Klassen, nach Absprache.", "Light and colour experiments for whole classes, by arrangement.", "visit", ["physik"], ["school_classes", "teachers"], (10, 16), "flask"),
    ("Betriebsbesuch: Vom Stahl zur Brücke", "Company visit: from steel to bridge", "Ingenieurinnen zeigen, wie Brücken geplant und gebaut werden.", "Engineers show how bridges are planned and built.", "visit", ["technik"], ["youth", "school_classes"], (14, 19), "bridge"),
    ("Kinder-Uni: Warum ist der Himmel blau?", "Children's university: why is the sky blue?", "Eine echte Vorlesung im Hörsaal – nur für Kinder.", "A real lecture in the lecture hall – just for children.", "event", ["physik"], ["children"], (8, 12), "stars"),
    ("3D-Druck-Sprechstunde", "3D printing office hours", "Bring deine Idee mit, wir drucken sie gemeinsam.", "Bring your idea, we print it together.", "open_lab", ["technik"], ["youth", "general_public"], (12, 99), "gear"),
    ("Mädchen-Technik-Tag", "Girls' technology day", "Ausprobieren, schrauben, programmieren: ein Tag nur für Mädchen.", "Try, build, code: a day just for girls.", "event", ["technik", "informatik"], ["youth", "children"], (10, 15), "robot"),
    ("Unternehmensforum: MINT-Nachwuchs gewinnen", "Company forum: winning young STEM talent", "Wie Betriebe mit Schulen zusammenarbeiten – Beispiele aus der Region.", "How companies work with schools – examples from the region.", "event", ["technik"], ["companies"], None, "gear"),
    ("Bienen beobachten", "Watching bees", "Am Schaubienenstock erleben, wie ein Bienenvolk arbeitet.", "See how a bee colony works at the observation hive.", "event", ["biologie"], ["families", "children"], (4, 99), "leaf"),
    ("Coding-Club für Jugendliche", "Coding club for teens", "Python, Webseiten und eigene Apps – jeden Donnerstag.", "Python, websites and your own apps – every Thursday.", "course", ["programmierung", "informatik"], ["youth"], (13, 18), "code"),
    ("Lesung: Die Mathematik der Muster", "Reading: the mathematics of patterns", "Eine Autorin liest und zeigt Muster in Natur und Kunst.", "An author reads and shows patterns in nature and art.", "event", ["mathematik"], ["general_public", "parents"], (12, 99), "book"),
    ("Eltern-Kind-Werkstatt: Wir bauen ein Solarauto", "Parent-child workshop: building a solar car", "Gemeinsam sägen, kleben und in der Sonne fahren lassen.", "Saw, glue and race in the sun together.", "workshop", ["technik", "energie"], ["families", "parents", "children"], (7, 12), "gear"),
    ("Jugend forscht – Projektberatung", "Youth research competition – project advice", "Hilfe bei Idee, Versuchsplanung und Plakat.", "Help with your idea, experiment design and poster.", "competition", ["naturwissenschaften", "technik"], ["youth"], (14, 21), "flask"),
    ("Mikroskopieren: Die Welt im Wassertropfen", "Microscopy: the world in a water drop", "Was lebt im Teich? Wir schauen ganz genau hin.", "What lives in the pond? We take a very close look.", "workshop", ["biologie"], ["children"], (8, 12), "leaf"),
    ("Online-Kurs: Künstliche Intelligenz verstehen", "Online course: understanding artificial intelligence", "Wie lernen Maschinen? Ein Kurs für zu Hause.", "How do machines learn? A course to follow from home.", "online", ["kuenstliche_intelligenz", "informatik"], ["youth", "general_public"], (14, 99), "code"),
    ("Brückenbau-Wettbewerb", "Bridge building contest", "Welche Papierbrücke trägt am meisten? Teams aus drei Kindern.", "Which paper bridge carries the most? Teams of three.", "competition", ["technik", "mathematik"], ["children", "school_classes"], (9, 13), "bridge"),
    ("Offene Sternwarte", "Open observatory", "Jeden Freitagabend bei klarem Himmel geöffnet.", "Open every Friday evening when the sky is clear.", "open_lab", ["astronomie"], ["general_public", "families"], None, "stars"),
    ("Bibliothek: Tüftel-Nachmittag", "Library: tinkering afternoon", "Knobelspiele, Bausätze und Experimentierkästen zum Ausleihen.", "Puzzles, kits and experiment boxes to borrow.", "open_lab", ["mathematik", "technik"], ["children", "families"], (6, 12), "book"),
    ("Elektronik-Reparaturcafé", "Electronics repair café", "Gemeinsam Geräte retten statt wegwerfen.", "Rescue devices together instead of throwing them away.", "open_lab", ["elektronik"], ["general_public", "parents"], None, "circuit"),
    ("Workshop: Apps mit dem Handy bauen", "Workshop: building apps on the phone", "In drei Stunden zur ersten eigenen App.", "Your first own app in three hours.", "workshop", ["programmierung"], ["youth"], (12, 16), "code"),
    ("Wasser-Experimente für Kita-Kinder", "Water experiments for nursery children", "Schwimmt es oder sinkt es? Forschen für die Kleinsten.", "Does it float or sink? Research for the youngest.", "workshop", ["physik"], ["children", "families"], (4, 6), "flask"),
    ("Ausbildungstag Elektrotechnik", "Training day electrical engineering", "Azubis zeigen ihren Beruf – mit Mitmachstationen.", "Apprentices show their trade – with hands-on stations.", "visit", ["elektronik", "technik"], ["youth", "parents"], (14, 20), "circuit"),
    ("Lehrkräfte-Netzwerk MINT", "Teacher network STEM", "Austausch zu Material, Ausflugszielen und Projekten.", "Sharing material, trip ideas and projects.", "event", ["mathematik", "naturwissenschaften"], ["teachers"], None, "book"),
    ("Drohnen fliegen und verstehen", "Flying and understanding drones", "Physik des Fliegens und ein Parcours in der Halle.", "The physics of flight and an indoor course.", "workshop", ["physik", "technik"], ["youth"], (12, 17), "gear"),
    ("Kräuterwanderung mit Lupe", "Herb walk with magnifier", "Pflanzen bestimmen und Tee kochen.", "Identify plants and brew tea.", "event", ["biologie"], ["families"], (5, 99), "leaf"),
    ("Mathe-Olympiade: Training", "Maths olympiad: training", "Vorbereitung auf die Landesrunde.", "Preparation for the state round.", "course", ["mathematik"], ["youth", "children"], (10, 18), "shapes"),
    ("Escape Room Chemie", "Chemistry escape room", "Rätsel lösen mit Indikatoren und Geheimtinte.", "Solve puzzles with indicators and secret ink.", "event", ["chemie"], ["youth", "school_classes"], (12, 16), "flask"),
    ("Klimawerkstatt für Schulklassen", "Climate workshop for school classes", "Messen, rechnen, handeln: CO₂ im Klassenzimmer.", "Measure, calculate, act: CO₂ in the classroom.", "visit", ["umwelt", "physik"], ["school_classes"], (11, 16), "leaf"),
    ("Nähmaschine trifft LED", "Sewing machine meets LED", "Leuchtende Taschen mit leitfähigem Garn.", "Glowing bags with conductive thread.", "workshop", ["elektronik"], ["youth", "children"], (10, 15), "circuit"),
    ("Familien-Rechenrallye durch die Altstadt", "Family maths rally through the old town", "Mit Rätselbogen die Stadt neu entdecken.", "Discover the town with a puzzle sheet.", "event", ["mathematik"], ["families", "parents", "children"], (6, 99), "shapes"),
    ("Roboter-Wettbewerb Saar (Regionalrunde)", "Robot competition Saar (regional round)", "Teams treten mit selbst gebauten Robotern an.", "Teams compete with self-built robots.", "competition", ["robotik"], ["youth", "children", "school_classes"], (9, 19), "robot"),
    ("Sonnenbeobachtung am Mittag", "Midday solar observation", "Sonnenflecken sicher beobachten – mit Spezialfilter.", "Safely watch sunspots – with a special filter.", "event", ["astronomie", "physik"], ["general_public", "children"], (6, 99), "stars"),
    ("Elternabend: Medienkompetenz und Coding", "Parents' evening: media literacy and coding", "Was Kinder online lernen können – und wie Eltern begleiten.", "What children can learn online – and how parents can help.", "event", ["medienbildung", "informatik"], ["parents"], None, "code"),
    ("Holzwerkstatt: Murmelbahn", "Wood workshop: marble run", "Sägen, bohren, testen: eine Murmelbahn zum Mitnehmen.", "Saw, drill, test: a marble run to take home.", "workshop", ["technik", "handwerk"], ["children"], (8, 12), "gear"),
    ("Kinderlabor: Farben und Licht", "Kids' lab: colours and light", "Regenbogen selbst machen und Licht zerlegen.", "Make your own rainbow and split light.", "workshop", ["physik"], ["children"], (6, 10), "flask"),
    ("Startup-Besuch: Software für Windräder", "Startup visit: software for wind turbines", "Ein junges Team zeigt, wie es Windräder überwacht.", "A young team shows how they monitor wind turbines.", "visit", ["informatik", "energie"], ["youth", "companies"], (15, 99), "gear"),
    ("Mathe für Eltern: Bruchrechnen entspannt", "Maths for parents: relaxed fractions", "Damit die Hausaufgabenhilfe leichter fällt.", "To make homework help easier.", "workshop", ["mathematik"], ["parents"], None, "shapes"),
    ("Wildbienen-Hotel bauen", "Build a wild bee hotel", "Wir bauen Nisthilfen für den eigenen Garten.", "We build nesting aids for your own garden.", "workshop", ["biologie", "umwelt"], ["families", "children"], (6, 12), "leaf"),
    ("Schach und Logik", "Chess and logic", "Denken in Zügen: Logik-Training am Brett.", "Thinking in moves: logic training at the board.", "course", ["mathematik"], ["children", "youth"], (7, 15), "shapes"),
    ("Technik-Ferienwoche für Mädchen", "Technology holiday week for girls", "Eine Woche löten, programmieren und konstruieren.", "A week of soldering, coding and building.", "camp", ["technik", "informatik"], ["youth", "children"], (10, 14), "robot"),
    ("Planetarium-Show: Reise durchs Sonnensystem", "Planetarium show: journey through the solar system", "Unter der Kuppel zu allen Planeten.", "Under the dome to all the planets.", "event", ["astronomie"], ["families", "children", "school_classes"], (5, 99), "stars"),
    ("Workshop für Betriebe: Schülerpraktika gestalten", "Workshop for companies: designing school internships", "Praktika, die Jugendliche für MINT begeistern.", "Internships that excite teenagers about STEM.", "workshop", ["technik"], ["companies"], None, "gear"),
    ("Hacker-Frühstück (abgesagt)", "Hackers' breakfast (cancelled)", "Leider entfällt der Termin.", "Unfortunately cancelled.", "event", ["informatik"], ["youth", "general_public"], (14, 99), "code"),
    ("Physik-Show: Knall und Rauch", "Physics show: bang and smoke", "Eine Experimentalshow mit viel Staunen.", "An experiment show full of wonder.", "event", ["physik", "chemie"], ["families", "children", "general_public"], (6, 99), "flask"),
    ("Calliope-Kurs für Grundschulen", "Calliope course for primary schools", "Ganze Klassen programmieren den Calliope mini.", "Whole classes program the Calliope mini.", "visit", ["informatik"], ["school_classes", "teachers"], (8, 10), "circuit"),
    ("Online-Sprechstunde: Studienwahl MINT", "Online office hours: choosing a STEM degree", "Studierende beantworten Fragen per Video.", "Students answer questions by video.", "online", ["naturwissenschaften", "informatik"], ["youth", "parents"], (15, 20), "book"),
    ("Kinder bauen Windräder", "Children build wind turbines", "Wie viel Strom macht der Wind? Wir messen es.", "How much power does the wind make? We measure it.", "workshop", ["energie", "physik"], ["children"], (8, 12), "gear"),
    ("Geocaching mit Mathe", "Geocaching with maths", "Koordinaten berechnen und den Schatz finden.", "Calculate coordinates and find the treasure.", "event", ["mathematik", "geowissenschaften"], ["families", "youth"], (9, 99), "shapes"),
    ("Lötkurs für Erwachsene", "Soldering course for adults", "Vom ersten Lötpunkt zum eigenen Verstärker.", "From the first solder joint to your own amplifier.", "course", ["elektronik"], ["general_public", "parents"], (16, 99), "circuit"),
    ("Natur-Detektive im Wald", "Nature detectives in the forest", "Spuren lesen, Tiere bestimmen, Bäume messen.", "Read tracks, identify animals, measure trees.", "camp", ["biologie"], ["children"], (7, 11), "leaf"),
    ("Forschertag in der Bibliothek", "Research day at the library", "Experimentierstationen zwischen den Regalen.", "Experiment stations between the shelves.", "event", ["naturwissenschaften"], ["children", "families"], (6, 12), "book"),
    ("Robotik für Lehrkräfte", "Robotics for teachers", "Unterrichtsideen mit Lernrobotern – mit Material zum Ausleihen.", "Lesson ideas with learning robots – with kits to borrow.", "course", ["robotik"], ["teachers"], None, "robot"),
    ("Tag der offenen Tür: Hochschullabore", "Open day: university labs", "Labore, Vorlesungen zum Reinschnuppern, Mitmachaktionen.", "Labs, taster lectures, hands-on activities.", "event", ["naturwissenschaften", "technik", "informatik"], ["youth", "parents", "general_public"], (14, 99), "bridge"),
]

DESC_DE = ("{summary} Alle Materialien werden gestellt. Bitte bequeme Kleidung tragen, die schmutzig werden darf. "
           "Die Gruppe ist klein, damit alle mitmachen können. Fragen beantworten wir gern vorab per E-Mail.")
DESC_EN = ("{summary} All materials are provided. Please wear comfortable clothes that may get dirty. "
           "Groups are small so everyone can take part. We are happy to answer questions by e-mail beforehand.")


def schedule_for(i, kind_hint):
    """Spreads schedule kinds over the offers; dates from late 2026 through 2027."""
    kinds = ["recurring", "single", "course", "recurring", "single", "opening_hours", "single", "on_request"]
    kind = kind_hint or kinds[i % len(kinds)]
    day = 1 + (i * 7) % 27
    month = 12 if i % 3 == 0 else (1 + (i % 11))
    year = 2026 if month == 12 else 2027
    hour = [10, 14, 15, 16, 18][i % 5]
    if kind == "single":
        if i % 9 == 3:  # some around the DST changes
            return {"kind": "single", "start": "2027-03-28T10:00:00+02:00", "end": "2027-03-28T13:00:00+02:00"}
        start = f"{year}-{month:02d}-{day:02d}T{hour:02d}:00:00"
        end = f"{year}-{month:02d}-{day:02d}T{hour + 2:02d}:30:00"
        zone = "+01:00" if month in (1, 2, 3, 11, 12) else "+02:00"
        return {"kind": "single", "start": start + zone, "end": end + zone}
    if kind == "camp":
        m = [4, 7, 8, 10][i % 4]
        d = [6, 12, 19, 26][i % 4]
        sessions = [{"start": f"2027-{m:02d}-{d + k:02d}T09:00", "end": f"2027-{m:02d}-{d + k:02d}T15:00"} for k in range(5)]
        return {"kind": "course", "sessions": sessions}
    if kind == "course":
        sessions = []
        for k in range(6):
            dd = 4 + k * 7
            mm = 2 + (i % 4) + dd // 28
            sessions.append({"start": f"2027-{mm:02d}-{dd % 28 + 1:02d}T{hour:02d}:00",
                             "end": f"2027-{mm:02d}-{dd % 28 + 1:02d}T{hour + 1:02d}:30"})
        if i % 4 == 1:
            sessions[2]["status"] = "cancelled"
        return {"kind": "course", "sessions": sessions}
    if kind == "recurring":
        days = [["WE"], ["SA"], ["TH"], ["TU", "TH"], ["FR"], ["SU"]][i % 6]
        rule = {"by_day": days, "start_date": "2026-10-01", "end_date": "2027-12-31",
                "start_time": f"{hour:02d}:00", "end_time": f"{hour + 2:02d}:00",
                "except_dates": ["2026-12-23", "2026-12-30", "2027-01-06"]}
        return {"kind": "recurring", "rules": [rule]}
    if kind == "opening_hours":
        return {"kind": "opening_hours", "hours": [{"days": ["TU", "WE", "TH"], "opens": "14:00", "closes": "18:00"},
                                                    {"days": ["SA"], "opens": "10:00", "closes": "14:00"}]}
    return {"kind": "on_request", "note": {"de": "Termine nach Absprache, auch vormittags.",
                                           "en": "Dates by arrangement, mornings too."}}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "..", "assets", "demo"))
    parser.add_argument("--no-images", action="store_true", help="only write feed.json")
    args = parser.parse_args()
    img_dir = os.path.join(args.out, "images")
    os.makedirs(img_dir, exist_ok=True)

    images = {}
    for motif in MOTIFS:
        for variant in range(2):
            name = f"{motif}-{variant + 1}.png"
            if not args.no_images:
                draw(motif, variant, os.path.join(img_dir, name))
            images.setdefault(motif, []).append("images/" + name)

    place_ids = [p[0] for p in PLACES]
    provider_ids = [p[0] for p in PROVIDERS]
    offers = []
    for i, (tde, ten, sde, sen, otype, subjects, audiences, ages, motif) in enumerate(OFFERS):
        kind_hint = {"camp": "camp", "open_lab": "opening_hours", "visit": "on_request"}.get(otype)
        if otype == "course":
            kind_hint = "recurring" if i % 2 else "course"
        offer = {
            "id": f"demo-{i + 1:04d}",
            "type": otype,
            "title": {"de": tde, "en": ten},
            "summary": {"de": sde, "en": sen},
            "description": {"de": DESC_DE.format(summary=sde), "en": DESC_EN.format(summary=sen)},
            "url": f"https://example.org/angebote/{i + 1}",
            "provider": provider_ids[i % len(provider_ids)],
            "subjects": subjects,
            "audiences": audiences,
            "status": "cancelled" if "abgesagt" in tde else ("postponed" if i == 44 else "scheduled"),
            "attendance_mode": "online" if otype == "online" else ("mixed" if i % 17 == 5 else "offline"),
            "schedule": schedule_for(i, kind_hint),
            "is_free": i % 3 != 2,
            "languages": ["de"] if i % 5 else ["de", "en"],
            "date_modified": "2026-11-20T08:00:00+01:00",
        }
        if ages:
            offer["age_range"] = {"min": ages[0], "max": ages[1]}
        if "school_classes" in audiences:
            offer["grade_levels"] = {"min": 3 if (ages and ages[0] < 10) else 5, "max": 10}
        if otype != "online":
            if i % 10 == 7:
                town = list(TOWNS.values())[i % len(TOWNS)]
                offer["location"] = {"name": f"Gemeindehaus {town[0]}",
                                     "address": {"street": "Kirchplatz 1", "postal_code": town[1], "locality": town[0]},
                                     "geo": {"lat": round(town[2] + 0.004, 5), "lon": round(town[3] - 0.003, 5)}}
            else:
                offer["place"] = place_ids[(i * 5) % len(place_ids)]
        if not offer["is_free"]:
            offer["offers"] = [{"name": {"de": "Materialkosten", "en": "Materials"},
                                "price": f"{3 + (i % 4) * 2}.00", "currency": "EUR"}]
        else:
            offer["offers"] = [{"name": {"de": "Teilnahme", "en": "Participation"}, "price": "0.00", "currency": "EUR"}]
        if otype in ("workshop", "camp", "course", "competition"):
            offer["registration"] = {"mode": "required", "url": f"https://example.org/anmeldung/{i + 1}"}
        elif otype == "visit":
            offer["registration"] = {"mode": "required", "url": f"https://example.org/anfrage/{i + 1}"}
        else:
            offer["registration"] = {"mode": "none"}
        offer["contact"] = {"email": "info@example.org", "phone": "+49 681 000000"}
        img = images[motif][i % 2]
        offer["images"] = [{"url": img, "alt": {"de": f"Illustration: {tde}", "en": f"Illustration: {ten}"},
                            "credit": "MINT Kiosk Demo", "license": "CC0-1.0"}]
        offer["accessibility"] = {"wheelchair": i % 4 != 2,
                                  "info": {"de": "Aufzug vorhanden." if i % 4 != 2 else "Leider nur über Treppen erreichbar.",
                                           "en": "Lift available." if i % 4 != 2 else "Unfortunately only reachable by stairs."}}
        offers.append(offer)

    feed = {
        "format": "mint-catalog",
        "version": 1,
        "sequence": 1,
        "generated_at": "2026-11-24T06:00:00+01:00",
        "license": "CC0-1.0",
        "attribution": "Demo data of MINT Kiosk – all offers are fictional",
        "demo": True,
        "publisher": {"name": "MINT-Netzwerk Saar (Demo)", "url": "https://example.org/", "email": "demo@example.org"},
        "region": {"name": {"de": "Saarland (Demo-Region)", "en": "Saarland (demo region)"},
                   "bbox": [6.35, 49.1, 7.42, 49.65], "timezone": "Europe/Berlin", "default_language": "de"},
        "providers": [{"id": pid, "name": name, "url": url, "contact": {"email": "info@example.org"}}
                      for pid, name, url in PROVIDERS],
        "places": [{"id": pid, "name": name,
                    "address": {"street": street, "postal_code": TOWNS[town][1], "locality": TOWNS[town][0]},
                    "geo": {"lat": round(TOWNS[town][2] + dlat, 5), "lon": round(TOWNS[town][3] + dlon, 5)}}
                   for pid, name, town, street, dlat, dlon in PLACES],
        "offers": offers,
        "stories": [
            {"id": "story-1", "title": {"de": "Lina baut ihren ersten Roboter", "en": "Lina builds her first robot"},
             "text": {"de": "In der Roboter-AG hat Lina (9) einen Roboter gebaut, der Linien folgt.",
                      "en": "In the robot club Lina (9) built a robot that follows lines."},
             "images": [{"url": images["robot"][0], "alt": {"de": "Ein gezeichneter Roboter"}, "credit": "MINT Kiosk Demo"}],
             "offer": "demo-0002", "date": "2026-11-12"},
            {"id": "story-2", "title": {"de": "Saturn live gesehen", "en": "Saw Saturn live"},
             "text": {"de": "Beim Sternenabend kamen 80 Gäste – und die Wolken blieben weg.",
                      "en": "80 guests came to the star night – and the clouds stayed away."},
             "images": [{"url": images["stars"][1], "alt": {"de": "Sternenhimmel"}, "credit": "MINT Kiosk Demo"}],
             "offer": "demo-0004", "date": "2026-10-30"},
            {"id": "story-3", "title": {"de": "Die Papierbrücke hielt 7 Kilo", "en": "The paper bridge held 7 kilos"},
             "text": {"de": "Die Klasse 4b gewann den Brückenbau-Wettbewerb mit einer Fachwerkbrücke.",
                      "en": "Class 4b won the bridge contest with a truss bridge."},
             "images": [{"url": images["bridge"][0], "alt": {"de": "Eine Brücke"}, "credit": "MINT Kiosk Demo"}],
             "offer": "demo-0023", "date": "2026-09-18"},
        ],
        "tombstones": [{"id": "demo-0999", "deleted_at": "2026-11-01T10:00:00+01:00", "reason": "withdrawn"}],
    }
    with open(os.path.join(args.out, "feed.json"), "w", encoding="utf-8") as f:
        json.dump(feed, f, ensure_ascii=False, indent=1)
        f.write("\n")
    print(f"wrote {len(offers)} offers to {os.path.join(args.out, 'feed.json')}")


if __name__ == "__main__":
    main()
