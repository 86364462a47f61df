#!/usr/bin/env python3
"""Generates a synthetic catalogue feed (format v1) of any size, for tests and benchmarks.

    python3 tools/gen_catalog.py --offers 100000 --seed 7 --out /tmp/feed-100k.json

Deterministic for a given --offers/--seed. Offers are realistic in shape and size (about
1.2 KB of JSON each: German and English title, summary and description, schedules of
every kind, places, prices, images), spread over a Saarland-sized region.
"""
import argparse
import json
import random
import sys

WORDS_DE = ("Roboter Löten Sterne Chemie Mathe Brücke Wasser Licht Farben Strom Motor Code Spiel Pflanzen Bienen "
            "Wetter Klima Magnet Rakete Planet Zahlen Muster Knobeln Forschen Bauen Tüfteln Mikroskop Kristalle "
            "Drohne Solar Windrad Sensor Kamera Werkstatt Labor Experiment Energie Straße Löwen Würfel Größe").split()
WORDS_EN = ("robot soldering stars chemistry maths bridge water light colours power motor code game plants bees "
            "weather climate magnet rocket planet numbers patterns puzzles research build tinker microscope crystals "
            "drone solar wind sensor camera workshop lab experiment energy street lions dice size").split()
FILLER_DE = ("Wir arbeiten in kleinen Gruppen und probieren alles selbst aus. Material ist vorhanden, Vorkenntnisse "
             "braucht es keine. Eltern sind willkommen.").split()
FILLER_EN = ("We work in small groups and try everything ourselves. Materials are provided, no experience needed. "
             "Parents are welcome.").split()
SUBJECTS = ["mathematik", "informatik", "naturwissenschaften", "technik", "physik", "chemie", "biologie",
            "robotik", "elektronik", "astronomie", "programmierung", "umwelt"]
AUDIENCES = ["children", "youth", "parents", "families", "school_classes", "teachers", "companies", "general_public"]
TYPES = ["workshop", "event", "course", "camp", "open_lab", "visit", "competition", "online"]
TOWNS = [("Saarbrücken", 49.2354, 6.9969), ("Neunkirchen", 49.35, 7.18), ("Homburg", 49.327, 7.338),
         ("Völklingen", 49.2525, 6.8597), ("Saarlouis", 49.3135, 6.7516), ("Merzig", 49.4433, 6.6378),
         ("St. Wendel", 49.4667, 7.1667), ("St. Ingbert", 49.2787, 7.1163), ("Lebach", 49.41, 6.91)]
DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]


def sentence(rng, words, n):
    return " ".join(rng.choice(words) for _ in range(n))


def schedule(rng, i):
    kind = ["single", "recurring", "course", "on_request", "opening_hours", "single", "recurring"][i % 7]
    month = rng.randint(1, 12)
    day = rng.randint(1, 25)
    hour = rng.randint(8, 18)
    if kind == "single":
        return {"kind": "single", "start": f"2027-{month:02d}-{day:02d}T{hour:02d}:00:00+01:00",
                "end": f"2027-{month:02d}-{day:02d}T{hour + 2:02d}:00:00+01:00"}
    if kind == "recurring":
        return {"kind": "recurring", "rules": [{
            "by_day": rng.sample(DAYS, rng.randint(1, 2)), "start_date": f"2026-{month:02d}-{day:02d}",
            "end_date": f"2027-{month:02d}-{day:02d}", "start_time": f"{hour:02d}:00", "end_time": f"{hour + 1:02d}:30",
            "except_dates": [f"2026-12-{rng.randint(20, 31)}"]}]}
    if kind == "course":
        return {"kind": "course", "sessions": [
            {"start": f"2027-{month:02d}-{day + k:02d}T{hour:02d}:00", "end": f"2027-{month:02d}-{day + k:02d}T{hour + 3:02d}:00"}
            for k in range(0, rng.randint(2, 4))]}
    if kind == "opening_hours":
        return {"kind": "opening_hours", "hours": [{"days": rng.sample(DAYS, 3), "opens": "14:00", "closes": "18:00"}]}
    return {"kind": "on_request", "note": {"de": "Nach Absprache", "en": "By arrangement"}}


def generate(offers, seed, image_base="https://example.org/img/", images=500):
    rng = random.Random(seed)
    n_places = max(10, offers // 20)
    n_providers = max(5, offers // 50)
    places = []
    for p in range(n_places):
        town, lat, lon = rng.choice(TOWNS)
        places.append({"id": f"pl-{p}", "name": f"{rng.choice(WORDS_DE)}-Haus {town}",
                       "address": {"street": f"Hauptstraße {p % 200 + 1}", "postal_code": f"66{p % 1000:03d}", "locality": town},
                       "geo": {"lat": round(lat + rng.uniform(-0.05, 0.05), 5), "lon": round(lon + rng.uniform(-0.05, 0.05), 5)}})
    providers = [{"id": f"p-{p}", "name": f"MINT-Verein {rng.choice(WORDS_DE)} {p}", "url": f"https://example.org/p/{p}"}
                 for p in range(n_providers)]
    items = []
    for i in range(offers):
        t = rng.randrange(len(WORDS_DE))
        title_de = f"{WORDS_DE[t]} {sentence(rng, WORDS_DE, 2)} {i}"
        title_en = f"{WORDS_EN[t]} {sentence(rng, WORDS_EN, 2)} {i}"
        age_min = rng.randint(4, 16)
        free = rng.random() < 0.5
        offer = {
            "id": f"gen-{i}", "type": TYPES[i % len(TYPES)],
            "title": {"de": title_de, "en": title_en},
            "summary": {"de": sentence(rng, WORDS_DE, 6), "en": sentence(rng, WORDS_EN, 6)},
            "description": {"de": " ".join(FILLER_DE) + " " + sentence(rng, WORDS_DE, 2),
                            "en": " ".join(FILLER_EN) + " " + sentence(rng, WORDS_EN, 2)},
            "url": f"https://example.org/angebote/{i}", "provider": f"p-{rng.randrange(n_providers)}",
            "subjects": rng.sample(SUBJECTS, rng.randint(1, 3)), "audiences": rng.sample(AUDIENCES, rng.randint(1, 3)),
            "age_range": {"min": age_min, "max": age_min + rng.randint(2, 8)},
            "status": "cancelled" if i % 97 == 0 else "scheduled",
            "attendance_mode": "online" if TYPES[i % len(TYPES)] == "online" else "offline",
            "schedule": schedule(rng, i), "is_free": free,
            "offers": [{"name": {"de": "Teilnahme", "en": "Participation"}, "price": "0.00" if free else f"{rng.randint(2, 40)}.00",
                        "currency": "EUR"}],
            "registration": {"mode": "required", "url": f"https://example.org/anmeldung/{i}"},
            "images": [{"url": f"{image_base}{i % images}.png", "alt": {"de": "Bild"}, "credit": "Demo"}],
            "accessibility": {"wheelchair": rng.random() < 0.7}, "languages": ["de"],
            "date_modified": "2026-11-20T08:00:00+01:00",
        }
        if offer["attendance_mode"] != "online":
            offer["place"] = f"pl-{rng.randrange(n_places)}"
        items.append(offer)
    return {"format": "mint-catalog", "version": 1, "sequence": seed, "generated_at": "2026-11-24T06:00:00+01:00",
            "license": "CC0-1.0", "attribution": "synthetic test data", "demo": True,
            "publisher": {"name": "Generator", "url": "https://example.org/", "email": "gen@example.org"},
            "region": {"name": {"de": "Testregion"}, "bbox": [6.3, 49.1, 7.5, 49.7], "timezone": "Europe/Berlin",
                       "default_language": "de"},
            "providers": providers, "places": places, "offers": items, "tombstones": []}


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--offers", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", default="-")
    parser.add_argument("--image-base", default="https://example.org/img/", help="picture URLs are BASE<n>.png")
    parser.add_argument("--images", type=int, default=500, help="distinct pictures")
    args = parser.parse_args()
    feed = generate(args.offers, args.seed, args.image_base, max(1, args.images))
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8")
    json.dump(feed, out, ensure_ascii=False, separators=(",", ":"))
    out.write("\n")


if __name__ == "__main__":
    main()
