#!/usr/bin/env python3
"""Writes the committed loadusers fixtures (run from this folder). '{run}' in addresses is replaced by the tests
with a fresh suffix, so the files can be imported again and again into the shared test database."""
H = ["Adresse mail", "NOM", "Prénom", "RPPS", "ADELI", "Raison Sociale", "Service de rattachement", "Adresse (1)",
     "Adresse (2)", "CP", "VILLE", "Département", "Région", "Téléphone (1)", "Téléphone (2)", "Profession", "Spécialité",
     "Diplôme", "Activité libérale", "Type BAL", "Type identifiant structure resp", "Identifiant structure resp",
     "Adresse de retour", "Nom resp", "Prénom resp", "Profession resp", "Identifiant resp", "Description fonctionnelle",
     "Civilité exercice", "MSSanté adresse", "Apicrypt adresse", "Apicrypt spécialité", "Date de péremption", "Alias",
     "Compte(s) de connexion", "Structure"]

def row(**kw):
    base = {"CP": "31059", "VILLE": "Toulouse", "Département": "31", "Région": "76", "Adresse (1)": "1 place du Docteur Baylac",
            "Activité libérale": "NON"}
    base.update(kw)
    return base

def per(email, **kw): return row(**{"Adresse mail": email, "NOM": "Dupont", "Prénom": "Jean", "RPPS": "10123456781",
                                  "Profession": "10", "Spécialité": "SM54", "Type BAL": "PER", **kw})
def med(email, **kw): return row(**{"Adresse mail": email, "NOM": "BERNARD", "Prénom": "Sophie", "Profession": "MM-SEC", "Type BAL": "MED", **kw})
def int_(email, **kw): return row(**{"Adresse mail": email, "NOM": "GARCIA", "Prénom": "Maria", "Profession": "10", "Civilité exercice": "DR",
                                   "Type identifiant structure resp": "FINESS", "Identifiant structure resp": "310781406", "Type BAL": "INT", **kw})
def org(email, connection, **kw): return row(**{"Adresse mail": email, "NOM": "SECRÉTARIAT", "Prénom": "Cardiologie", "Profession": "MM-SEC",
    "Type identifiant structure resp": "SIRET", "Identifiant structure resp": "73282932000074", "Nom resp": "MARTIN", "Prénom resp": "Claire",
    "Profession resp": "10", "Identifiant resp": "10987654323", "Description fonctionnelle": "Secrétariat du service de cardiologie",
    "Compte(s) de connexion": connection, "Type BAL": "ORG", **kw})

def quote(v, sep):
    return '"' + v.replace('"', '""') + '"' if any(c in v for c in (sep, '"', "\n", "\r")) else v

def write(name, headers, rows, sep, encoding, bom=False, extra=None):
    lines = [sep.join(quote(h, sep) for h in headers + ([extra] if extra else []))]
    for r in rows:
        lines.append(sep.join(quote(r.get(h, ""), sep) for h in headers) + (sep + "à ignorer" if extra else ""))
    data = ("\r\n".join(lines) + "\r\n").encode(encoding)
    open(name, "wb").write((b"\xef\xbb\xbf" if bom else b"") + data)

# Windows-1252 (Excel's "CSV (séparateur : point-virgule)"), labels instead of codes, an extra column.
write("win1252-semicolon.csv", H, [
    per("jean.dupont.{run}@test.medimail.fr", **{"Prénom": "Jean-François", "Profession": "médecin", "Spécialité": "MEDECINE GENERALE",
        "Département": "haute-garonne", "Région": "OCCITANIE", "Raison Sociale": "Clinique Sainte-Anne"}),
    med("sophie.bernard.{run}@test.medimail.fr", **{"Profession": "Secrétaire médicale"}),
    int_("maria.garcia.{run}@test.medimail.fr", **{"Civilité exercice": "Docteur"}),
    org("secretariat.{run}@test.medimail.fr", "jean.dupont.{run}@test.medimail.fr;sophie.bernard.{run}@test.medimail.fr"),
], ";", "cp1252", extra="Commentaire")

# UTF-8 with BOM, "," separated, headers in another order, without accents and in any case; values holding commas.
shuffled = list(reversed(H))
write("utf8-bom-comma.csv", [h for h in shuffled], [
    per("paul.durand.{run}@test.medimail.fr", **{"NOM": "Durand", "Prénom": "Paul", "Adresse (1)": "3, rue des Lilas, bâtiment C"}),
    med("lea.petit.{run}@test.medimail.fr", **{"NOM": "Petit", "Prénom": "Léa", "Raison Sociale": "Cabinet Petit, Durand et associés"}),
], ",", "utf-8", bom=True)
# Rewrite the header line with mangled spellings (the rows stay as written).
content = open("utf8-bom-comma.csv", "rb").read()[3:].decode("utf-8").split("\r\n", 1)
mangled = ",".join(quote(h.upper() if i % 2 else h.lower().replace("é", "e").replace("è", "e").replace("â", "a"), ",") for i, h in enumerate(shuffled))
open("utf8-bom-comma.csv", "wb").write(b"\xef\xbb\xbf" + (mangled + "\r\n" + content[1]).encode("utf-8"))

# Quoted fields with the separator, doubled quotes and line breaks inside (UTF-8 without BOM, ";").
write("multiline-quoted.csv", H, [
    per("anne.morel.{run}@test.medimail.fr", **{"NOM": "Morel", "Prénom": "Anne", "Adresse (1)": "12 rue du Port; quai nord",
        "Adresse (2)": "Bâtiment B\r\n2e étage", "Raison Sociale": "Centre \"Les Tilleuls\""}),
    med("marc.roux.{run}@test.medimail.fr", **{"NOM": "Roux", "Prénom": "Marc", "Adresse (2)": "Porte 3\nau fond de la cour"}),
], ";", "utf-8")

# One row per error kind (lines 3-12), two valid rows (2 and 7) and one accepted with a warning (5).
A = "alice.martin.{run}@test.medimail.fr"
write("errors.csv", H, [
    per(A, **{"NOM": "Martin", "Prénom": "Alice"}),                                    # 2 valid
    per(A, **{"NOM": "Martin", "Prénom": "Alice bis"}),                                # 3 same address twice
    per("bad.rpps.{run}@test.medimail.fr", RPPS="1012345678"),                         # 4 RPPS of 10 digits
    per("luhn.{run}@test.medimail.fr", RPPS="10123456780"),                            # 5 check digit: warning only
    org("unknown.connection.{run}@test.medimail.fr", "nobody.{run}@test.medimail.fr"), # 6 connection account missing
    org("secretariat.{run}@test.medimail.fr", A),                                      # 7 valid: connection created line 2
    per("no.name.{run}@test.medimail.fr", NOM=""),                                     # 8 mandatory NOM
    per("yes.no.{run}@test.medimail.fr", **{"Activité libérale": "PEUT-ÊTRE"}),        # 9 OUI/NON
    per("astronaut.{run}@test.medimail.fr", Profession="Astronaute"),                  # 10 not in the list
    per("alias.{run}@test.medimail.fr", Alias="jd"),                                   # 11 Alias must be empty
    per("bad.type.{run}@test.medimail.fr", **{"Type BAL": "XYZ"}),                     # 12 unknown type
], ";", "utf-8")
