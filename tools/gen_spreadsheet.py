#!/usr/bin/env python3
"""Writes a synthetic spreadsheet of offers in the template's columns (angebote.csv) and,
with --pictures N, N distinct PNG pictures beside it, for the publishing benchmark.

  tools/gen_spreadsheet.py --offers 10000 --pictures 2000 --out DIR [--seed 7]
"""
import argparse
import csv
import os
import random
import struct
import zlib

COLUMNS = ["ID", "Titel", "Kurzbeschreibung", "Beschreibung", "Art", "Anbieter", "Fächer", "Zielgruppe", "Alter",
           "Klassenstufe", "Datum", "Enddatum", "Wochentag", "Beginn", "Ende", "Ort", "Straße", "PLZ", "Stadt",
           "Breitengrad", "Längengrad", "Kosten", "Kostenlos", "Anmeldung", "Webseite", "E-Mail", "Telefon", "Bild",
           "Bildbeschreibung", "Bildnachweis", "Barrierefrei", "Abgesagt"]
TOPICS = ["Roboter", "Sterne", "Chemie", "Programmieren", "Elektronik", "Bienen", "Brücken", "Mathe-Rätsel", "Wetter", "Solarstrom"]
KINDS = ["Workshop", "Kurs", "Ferienprogramm", "Veranstaltung", "Offenes Labor", "Besichtigung"]
SUBJECTS = ["Technik", "Informatik", "Chemie", "Physik", "Biologie", "Mathematik", "Robotik", "Astronomie", "Energie"]
TOWNS = [("Saarbrücken", "66111", 49.2354, 6.9969), ("Homburg", "66424", 49.3266, 7.3376), ("Neunkirchen", "66538", 49.3446, 7.1797),
         ("Saarlouis", "66740", 49.3136, 6.7519), ("Merzig", "66663", 49.4430, 6.6383)]
DAYS = ["Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag"]


def png(width, height, rgb):
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)) + \
        chunk(b"IDAT", zlib.compress(raw, 6)) + chunk(b"IEND", b"")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--offers", type=int, default=10000)
    ap.add_argument("--pictures", type=int, default=2000)
    ap.add_argument("--out", required=True)
    ap.add_argument("--seed", type=int, default=7)
    a = ap.parse_args()
    rnd = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    for p in range(a.pictures):
        with open(os.path.join(a.out, f"bild-{p}.png"), "wb") as f:
            f.write(png(640, 400, (p % 256, (p // 256) * 37 % 256, (p * 7) % 256)))
    with open(os.path.join(a.out, "angebote.csv"), "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, delimiter=";", lineterminator="\r\n")
        w.writerow(COLUMNS)
        for i in range(a.offers):
            town, plz, lat, lon = rnd.choice(TOWNS)
            topic = rnd.choice(TOPICS)
            weekly = rnd.random() < 0.4
            day = rnd.randint(1, 28)
            month = rnd.randint(1, 12)
            row = {
                "ID": f"a{i}", "Titel": f"{topic} {i}", "Kurzbeschreibung": f"Wir entdecken {topic} gemeinsam.",
                "Beschreibung": f"Ein Angebot rund um {topic}.\nFür neugierige Kinder.", "Art": rnd.choice(KINDS),
                "Anbieter": f"Anbieter {i % 150}", "Fächer": ", ".join(rnd.sample(SUBJECTS, 2)),
                "Zielgruppe": rnd.choice(["Kinder", "Jugendliche", "Familien", "Schulklassen", "Kinder, Jugendliche"]),
                "Alter": rnd.choice(["8-12", "ab 10", "6–9", "12-16"]), "Datum": f"{day:02d}.{month:02d}.2027",
                "Beginn": f"{rnd.randint(9, 17)}:00", "Ort": f"Lernort {i % 400}", "Straße": f"Hauptstraße {i % 90 + 1}",
                "PLZ": plz, "Stadt": town, "Breitengrad": f"{lat + rnd.uniform(-0.05, 0.05):.5f}".replace(".", ","),
                "Längengrad": f"{lon + rnd.uniform(-0.05, 0.05):.5f}".replace(".", ","),
                "Kosten": rnd.choice(["kostenlos", "5", "3,50 €", "12"]), "Anmeldung": rnd.choice(["ja", "nein"]),
                "E-Mail": f"info{i % 150}@example.org",
            }
            row["Ende"] = f"{int(row['Beginn'].split(':')[0]) + 2}:00"
            if weekly:
                row["Wochentag"] = rnd.choice(DAYS)
                row["Datum"] = f"{day:02d}.01.2027"
                row["Enddatum"] = "30.06.2027"
            if a.pictures and i % 5 == 0:
                row["Bild"] = f"bild-{(i // 5) % a.pictures}.png"
                row["Bildnachweis"] = "Foto: Beispiel"
            w.writerow([row.get(c, "") for c in COLUMNS])


if __name__ == "__main__":
    main()
