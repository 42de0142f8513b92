"""England's local authority areas, with their ONS codes and regions (issue 17).

The 309 local authority districts of the ONS Census 2021 geography (unitary authorities
E06, non-metropolitan districts E07, metropolitan boroughs E08, London boroughs E09) and the
24 county councils (E10) above the two-tier districts of that geography, since evidence is
reported against either (003 Table 4.2 names Dacorum, a district, and Devon, a county).
Each line is ``ONS code|English name|region``, the region being the n in E1200000n.
"""

# (slug, ONS code, English, Welsh), in ONS order E12000001..E12000009.
ENGLISH_REGIONS = [
    ("north-east-england", "E12000001", "North East", "Gogledd-ddwyrain Lloegr"),
    ("north-west-england", "E12000002", "North West", "Gogledd-orllewin Lloegr"),
    ("yorkshire-and-the-humber", "E12000003", "Yorkshire and The Humber", "Swydd Efrog a'r Humber"),
    ("east-midlands", "E12000004", "East Midlands", "Dwyrain Canolbarth Lloegr"),
    ("west-midlands", "E12000005", "West Midlands", "Gorllewin Canolbarth Lloegr"),
    ("east-of-england", "E12000006", "East of England", "Dwyrain Lloegr"),
    ("london", "E12000007", "London", "Llundain"),
    ("south-east-england", "E12000008", "South East", "De-ddwyrain Lloegr"),
    ("south-west-england", "E12000009", "South West", "De-orllewin Lloegr"),
]

# Places with a Welsh name of their own; the rest keep their English name in Welsh.
WELSH_NAMES = {
    "Bristol": "Bryste",
    "Cambridge": "Caergrawnt",
    "Cambridgeshire": "Swydd Gaergrawnt",
    "Canterbury": "Caergaint",
    "Carlisle": "Caerliwelydd",
    "City of London": "Dinas Llundain",
    "Cornwall": "Cernyw",
    "Derbyshire": "Swydd Derby",
    "Devon": "Dyfnaint",
    "East Sussex": "Dwyrain Sussex",
    "Exeter": "Caerwysg",
    "Gloucester": "Caerloyw",
    "Gloucestershire": "Swydd Gaerloyw",
    "Herefordshire": "Swydd Henffordd",
    "Hertfordshire": "Swydd Hertford",
    "Isle of Wight": "Ynys Wyth",
    "Kent": "Caint",
    "Lancashire": "Swydd Gaerhirfryn",
    "Leicestershire": "Swydd Gaerlŷr",
    "Lincolnshire": "Swydd Lincoln",
    "Liverpool": "Lerpwl",
    "Manchester": "Manceinion",
    "North Yorkshire": "Gogledd Swydd Efrog",
    "Nottinghamshire": "Swydd Nottingham",
    "Oxford": "Rhydychen",
    "Oxfordshire": "Swydd Rydychen",
    "Shropshire": "Swydd Amwythig",
    "Somerset": "Gwlad yr Haf",
    "Staffordshire": "Swydd Stafford",
    "Warwickshire": "Swydd Warwick",
    "West Sussex": "Gorllewin Sussex",
    "Westminster": "San Steffan",
    "Winchester": "Caerwynt",
    "Worcester": "Caerwrangon",
    "Worcestershire": "Swydd Gaerwrangon",
    "York": "Efrog",
}

DISTRICTS = """
E07000223|Adur|8
E07000026|Allerdale|2
E07000032|Amber Valley|4
E07000224|Arun|8
E07000170|Ashfield|4
E07000105|Ashford|8
E07000200|Babergh|6
E09000002|Barking and Dagenham|7
E09000003|Barnet|7
E08000016|Barnsley|3
E07000027|Barrow-in-Furness|2
E07000066|Basildon|6
E07000084|Basingstoke and Deane|8
E07000171|Bassetlaw|4
E06000022|Bath and North East Somerset|9
E06000055|Bedford|6
E09000004|Bexley|7
E08000025|Birmingham|5
E07000129|Blaby|4
E06000008|Blackburn with Darwen|2
E06000009|Blackpool|2
E07000033|Bolsover|4
E08000001|Bolton|2
E07000136|Boston|4
E06000058|Bournemouth, Christchurch and Poole|9
E06000036|Bracknell Forest|8
E08000032|Bradford|3
E07000067|Braintree|6
E07000143|Breckland|6
E09000005|Brent|7
E07000068|Brentwood|6
E06000043|Brighton and Hove|8
E06000023|Bristol|9
E07000144|Broadland|6
E09000006|Bromley|7
E07000234|Bromsgrove|5
E07000095|Broxbourne|6
E07000172|Broxtowe|4
E06000060|Buckinghamshire|8
E07000117|Burnley|2
E08000002|Bury|2
E08000033|Calderdale|3
E07000008|Cambridge|6
E09000007|Camden|7
E07000192|Cannock Chase|5
E07000106|Canterbury|8
E07000028|Carlisle|2
E07000069|Castle Point|6
E06000056|Central Bedfordshire|6
E07000130|Charnwood|4
E07000070|Chelmsford|6
E07000078|Cheltenham|9
E07000177|Cherwell|8
E06000049|Cheshire East|2
E06000050|Cheshire West and Chester|2
E07000034|Chesterfield|4
E07000225|Chichester|8
E07000118|Chorley|2
E09000001|City of London|7
E07000071|Colchester|6
E07000029|Copeland|2
E06000052|Cornwall|9
E07000079|Cotswold|9
E06000047|County Durham|1
E08000026|Coventry|5
E07000163|Craven|3
E07000226|Crawley|8
E09000008|Croydon|7
E07000096|Dacorum|6
E06000005|Darlington|1
E07000107|Dartford|8
E06000015|Derby|4
E07000035|Derbyshire Dales|4
E08000017|Doncaster|3
E06000059|Dorset|9
E07000108|Dover|8
E08000027|Dudley|5
E09000009|Ealing|7
E07000009|East Cambridgeshire|6
E07000040|East Devon|9
E07000085|East Hampshire|8
E07000242|East Hertfordshire|6
E07000137|East Lindsey|4
E06000011|East Riding of Yorkshire|3
E07000193|East Staffordshire|5
E07000244|East Suffolk|6
E07000061|Eastbourne|8
E07000086|Eastleigh|8
E07000030|Eden|2
E07000207|Elmbridge|8
E09000010|Enfield|7
E07000072|Epping Forest|6
E07000208|Epsom and Ewell|8
E07000036|Erewash|4
E07000041|Exeter|9
E07000087|Fareham|8
E07000010|Fenland|6
E07000112|Folkestone and Hythe|8
E07000080|Forest of Dean|9
E07000119|Fylde|2
E08000037|Gateshead|1
E07000173|Gedling|4
E07000081|Gloucester|9
E07000088|Gosport|8
E07000109|Gravesham|8
E07000145|Great Yarmouth|6
E09000011|Greenwich|7
E07000209|Guildford|8
E09000012|Hackney|7
E06000006|Halton|2
E07000164|Hambleton|3
E09000013|Hammersmith and Fulham|7
E07000131|Harborough|4
E09000014|Haringey|7
E07000073|Harlow|6
E07000165|Harrogate|3
E09000015|Harrow|7
E07000089|Hart|8
E06000001|Hartlepool|1
E07000062|Hastings|8
E07000090|Havant|8
E09000016|Havering|7
E06000019|Herefordshire|5
E07000098|Hertsmere|6
E07000037|High Peak|4
E09000017|Hillingdon|7
E07000132|Hinckley and Bosworth|4
E07000227|Horsham|8
E09000018|Hounslow|7
E07000011|Huntingdonshire|6
E07000120|Hyndburn|2
E07000202|Ipswich|6
E06000046|Isle of Wight|8
E06000053|Isles of Scilly|9
E09000019|Islington|7
E09000020|Kensington and Chelsea|7
E07000146|King's Lynn and West Norfolk|6
E06000010|Kingston upon Hull|3
E09000021|Kingston upon Thames|7
E08000034|Kirklees|3
E08000011|Knowsley|2
E09000022|Lambeth|7
E07000121|Lancaster|2
E08000035|Leeds|3
E06000016|Leicester|4
E07000063|Lewes|8
E09000023|Lewisham|7
E07000194|Lichfield|5
E07000138|Lincoln|4
E08000012|Liverpool|2
E06000032|Luton|6
E07000110|Maidstone|8
E07000074|Maldon|6
E07000235|Malvern Hills|5
E08000003|Manchester|2
E07000174|Mansfield|4
E06000035|Medway|8
E07000133|Melton|4
E07000187|Mendip|9
E09000024|Merton|7
E07000042|Mid Devon|9
E07000203|Mid Suffolk|6
E07000228|Mid Sussex|8
E06000002|Middlesbrough|1
E06000042|Milton Keynes|8
E07000210|Mole Valley|8
E07000091|New Forest|8
E07000175|Newark and Sherwood|4
E08000021|Newcastle upon Tyne|1
E07000195|Newcastle-under-Lyme|5
E09000025|Newham|7
E07000043|North Devon|9
E07000038|North East Derbyshire|4
E06000012|North East Lincolnshire|3
E07000099|North Hertfordshire|6
E07000139|North Kesteven|4
E06000013|North Lincolnshire|3
E07000147|North Norfolk|6
E06000061|North Northamptonshire|4
E06000024|North Somerset|9
E08000022|North Tyneside|1
E07000218|North Warwickshire|5
E07000134|North West Leicestershire|4
E06000057|Northumberland|1
E07000148|Norwich|6
E06000018|Nottingham|4
E07000219|Nuneaton and Bedworth|5
E07000135|Oadby and Wigston|4
E08000004|Oldham|2
E07000178|Oxford|8
E07000122|Pendle|2
E06000031|Peterborough|6
E06000026|Plymouth|9
E06000044|Portsmouth|8
E07000123|Preston|2
E06000038|Reading|8
E09000026|Redbridge|7
E06000003|Redcar and Cleveland|1
E07000236|Redditch|5
E07000211|Reigate and Banstead|8
E07000124|Ribble Valley|2
E09000027|Richmond upon Thames|7
E07000166|Richmondshire|3
E08000005|Rochdale|2
E07000075|Rochford|6
E07000125|Rossendale|2
E07000064|Rother|8
E08000018|Rotherham|3
E07000220|Rugby|5
E07000212|Runnymede|8
E07000176|Rushcliffe|4
E07000092|Rushmoor|8
E06000017|Rutland|4
E07000167|Ryedale|3
E08000006|Salford|2
E08000028|Sandwell|5
E07000168|Scarborough|3
E07000188|Sedgemoor|9
E08000014|Sefton|2
E07000169|Selby|3
E07000111|Sevenoaks|8
E08000019|Sheffield|3
E06000051|Shropshire|5
E06000039|Slough|8
E08000029|Solihull|5
E07000246|Somerset West and Taunton|9
E07000012|South Cambridgeshire|6
E07000039|South Derbyshire|4
E06000025|South Gloucestershire|9
E07000044|South Hams|9
E07000140|South Holland|4
E07000141|South Kesteven|4
E07000031|South Lakeland|2
E07000149|South Norfolk|6
E07000179|South Oxfordshire|8
E07000126|South Ribble|2
E07000189|South Somerset|9
E07000196|South Staffordshire|5
E08000023|South Tyneside|1
E06000045|Southampton|8
E06000033|Southend-on-Sea|6
E09000028|Southwark|7
E07000213|Spelthorne|8
E07000240|St Albans|6
E08000013|St. Helens|2
E07000197|Stafford|5
E07000198|Staffordshire Moorlands|5
E07000243|Stevenage|6
E08000007|Stockport|2
E06000004|Stockton-on-Tees|1
E06000021|Stoke-on-Trent|5
E07000221|Stratford-on-Avon|5
E07000082|Stroud|9
E08000024|Sunderland|1
E07000214|Surrey Heath|8
E09000029|Sutton|7
E07000113|Swale|8
E06000030|Swindon|9
E08000008|Tameside|2
E07000199|Tamworth|5
E07000215|Tandridge|8
E07000045|Teignbridge|9
E06000020|Telford and Wrekin|5
E07000076|Tendring|6
E07000093|Test Valley|8
E07000083|Tewkesbury|9
E07000114|Thanet|8
E07000102|Three Rivers|6
E06000034|Thurrock|6
E07000115|Tonbridge and Malling|8
E06000027|Torbay|9
E07000046|Torridge|9
E09000030|Tower Hamlets|7
E08000009|Trafford|2
E07000116|Tunbridge Wells|8
E07000077|Uttlesford|6
E07000180|Vale of White Horse|8
E08000036|Wakefield|3
E08000030|Walsall|5
E09000031|Waltham Forest|7
E09000032|Wandsworth|7
E06000007|Warrington|2
E07000222|Warwick|5
E07000103|Watford|6
E07000216|Waverley|8
E07000065|Wealden|8
E07000241|Welwyn Hatfield|6
E06000037|West Berkshire|8
E07000047|West Devon|9
E07000127|West Lancashire|2
E07000142|West Lindsey|4
E06000062|West Northamptonshire|4
E07000181|West Oxfordshire|8
E07000245|West Suffolk|6
E09000033|Westminster|7
E08000010|Wigan|2
E06000054|Wiltshire|9
E07000094|Winchester|8
E06000040|Windsor and Maidenhead|8
E08000015|Wirral|2
E07000217|Woking|8
E06000041|Wokingham|8
E08000031|Wolverhampton|5
E07000237|Worcester|5
E07000229|Worthing|8
E07000238|Wychavon|5
E07000128|Wyre|2
E07000239|Wyre Forest|5
E06000014|York|3
"""

COUNTIES = """
E10000003|Cambridgeshire|6
E10000006|Cumbria|2
E10000007|Derbyshire|4
E10000008|Devon|9
E10000011|East Sussex|8
E10000012|Essex|6
E10000013|Gloucestershire|9
E10000014|Hampshire|8
E10000015|Hertfordshire|6
E10000016|Kent|8
E10000017|Lancashire|2
E10000018|Leicestershire|4
E10000019|Lincolnshire|4
E10000020|Norfolk|6
E10000023|North Yorkshire|3
E10000024|Nottinghamshire|4
E10000025|Oxfordshire|8
E10000027|Somerset|9
E10000028|Staffordshire|5
E10000029|Suffolk|6
E10000030|Surrey|8
E10000031|Warwickshire|5
E10000032|West Sussex|8
E10000034|Worcestershire|5
"""


def english_areas() -> list[tuple[str, str, str, str]]:
    """(ONS code, English, Welsh, region slug) for every English area above."""
    regions = [slug for slug, *_ in ENGLISH_REGIONS]
    rows = []
    for line in (DISTRICTS + COUNTIES).strip().splitlines():
        if not line:
            continue
        code, name, region = line.split("|")
        rows.append((code, name, WELSH_NAMES.get(name, name), regions[int(region) - 1]))
    return rows
