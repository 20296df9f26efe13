namespace SearchEngine.Benchmarks.Ocr;

/// <summary>
/// The words the OCR benchmark draws on its pictures: what signs, shop fronts and timetables say (street, shop and
/// transport words, place names, numbers). None is an English stop word (the query analyser drops those, so a query of
/// "no" or "exit only" would be partly empty), and none is shorter than two characters. Fixed: changing the list changes
/// every figure of the benchmark.
/// </summary>
internal static class SignWords
{
    public static readonly IReadOnlyList<string> All =
    [
        // Streets and places in a town.
        "STREET", "ROAD", "AVENUE", "LANE", "DRIVE", "BOULEVARD", "SQUARE", "PLAZA", "BRIDGE", "PARK", "GARDENS", "CORNER",
        "HIGHWAY", "ALLEY", "TERRACE", "CRESCENT", "COURT", "PLACE", "HILL", "VALLEY", "RIVER", "HARBOUR", "BEACH",
        "MARKET", "CENTRE", "NORTH", "SOUTH", "EAST", "WEST", "MAIN", "HIGH", "OLD", "NEW", "KING", "QUEEN", "CHURCH",
        "MILL", "CASTLE", "TOWER", "ABBEY", "CATHEDRAL", "CHAPEL", "TEMPLE", "PALACE", "FOUNTAIN", "MONUMENT", "STADIUM",
        "ARENA", "HARBOR", "WHARF", "DOCK", "QUAY", "CANAL", "LAKE", "FOREST", "MEADOW", "FIELD", "FARM", "VILLAGE",
        "TOWN", "CITY", "DISTRICT", "QUARTER", "ESTATE", "ROW", "WALK", "WAY", "CLOSE", "GREEN", "COMMON",
        // What signs say.
        "EXIT", "ENTRANCE", "STOP", "YIELD", "PARKING", "TOILETS", "OPEN", "CLOSED", "PUSH", "PULL", "DANGER", "CAUTION",
        "WARNING", "SLOW", "SCHOOL", "HOSPITAL", "PHARMACY", "POLICE", "FIRE", "EMERGENCY", "PRIVATE", "PUBLIC",
        "INFORMATION", "RECEPTION", "WELCOME", "VISITORS", "STAFF", "DELIVERIES", "KEEP", "CLEAR", "LEFT", "RIGHT",
        "AHEAD", "DETOUR", "DIVERSION", "CLOSURE", "WORKS", "SPEED", "LIMIT", "ZONE", "AREA", "ACCESS", "RESIDENTS",
        "PERMIT", "HOLDERS", "DISABLED", "LIFT", "STAIRS", "ESCALATOR", "FLOOR", "LEVEL", "BASEMENT", "ROOF", "SMOKING",
        "SILENCE", "QUIET", "DOGS", "CHILDREN", "CROSSING", "PEDESTRIANS", "CYCLISTS", "TOLL", "FREE", "PAY", "DISPLAY",
        "HOURS", "DAILY", "MONDAY", "FRIDAY", "SUNDAY", "SATURDAY", "WEEKEND", "TODAY", "TONIGHT", "LIVE", "MUSIC",
        // Shops and services.
        "BAKERY", "CAFE", "COFFEE", "PIZZA", "BAR", "PUB", "RESTAURANT", "HOTEL", "HOSTEL", "BOOKS", "BOOKSHOP", "FLOWERS",
        "FLORIST", "BUTCHER", "DELI", "GROCERY", "SALE", "DISCOUNT", "FASHION", "SHOES", "JEWELLERY", "BARBER", "SALON",
        "LAUNDRY", "CINEMA", "THEATRE", "GALLERY", "MUSEUM", "LIBRARY", "BANK", "POST", "OFFICE", "GARAGE", "REPAIRS",
        "TAXI", "KITCHEN", "GRILL", "BISTRO", "DINER", "NOODLES", "SUSHI", "BURGERS", "CHICKEN", "FISH", "CHIPS", "BREAD",
        "CAKES", "PASTRY", "WINE", "BEER", "TEA", "JUICE", "ICE", "CREAM", "CANDY", "SWEETS", "TOYS", "GIFTS", "SOUVENIRS",
        "ANTIQUES", "FURNITURE", "HARDWARE", "TOOLS", "PAINT", "ELECTRONICS", "PHONES", "COMPUTERS", "CAMERAS", "RECORDS",
        "VINYL", "GUITARS", "PIANOS", "SPORTS", "FITNESS", "GYM", "YOGA", "DENTIST", "DOCTOR", "CLINIC", "OPTICIAN",
        "VET", "PETS", "TAILOR", "CLEANERS", "BICYCLES", "MOTORS", "TYRES", "FUEL", "PETROL", "DIESEL", "WASH", "RENTALS",
        "TRAVEL", "TOURS", "HOLIDAYS", "INSURANCE", "LOANS", "EXCHANGE", "PAWN", "STUDIO", "TATTOO", "PRINT", "COPY",
        "NEWS", "PAPERS", "LOTTERY", "SUPERMARKET", "ORGANIC", "FRESH", "FRUIT", "VEGETABLES", "DAIRY", "CHEESE", "MEAT",
        "SEAFOOD", "SPICES", "BOUTIQUE", "OUTLET", "WAREHOUSE", "FACTORY", "WORKSHOP", "EMPORIUM", "TRADING", "COMPANY",
        "BROTHERS", "SONS", "FAMILY", "GRAND", "ROYAL", "GOLDEN", "SILVER", "STAR", "SUN", "MOON", "LUCKY", "HAPPY",
        "BEST", "FINEST", "QUALITY", "FAMOUS", "ORIGINAL", "CLASSIC", "MODERN", "URBAN", "EXPRESS", "LOCAL",
        // Transport.
        "BUS", "TRAM", "TRAIN", "METRO", "SUBWAY", "UNDERGROUND", "PLATFORM", "TERMINAL", "AIRPORT", "GATE", "DEPARTURES",
        "ARRIVALS", "LUGGAGE", "BAGGAGE", "FERRY", "PIER", "PORT", "CENTRAL", "JUNCTION", "RAILWAY", "STATION", "TICKETS",
        "BICYCLE", "CYCLE", "ROUTE", "SERVICE", "SHUTTLE", "TRANSFER", "CHECK", "SECURITY", "CUSTOMS", "PASSPORT",
        "CONTROL", "BOARDING", "LOUNGE", "WAITING", "ROOM", "LOCKERS", "CARRIAGE", "COACH", "LINE", "DIRECTION",
        "TERMINUS", "INTERCHANGE", "MOTORWAY", "TUNNEL", "VIADUCT", "HELIPORT", "MARINA", "DEPOT",
        // Places.
        "LONDON", "PARIS", "BERLIN", "MADRID", "ROME", "VIENNA", "PRAGUE", "LISBON", "DUBLIN", "OXFORD", "CAMBRIDGE",
        "BOSTON", "CHICAGO", "DENVER", "SEATTLE", "TORONTO", "SYDNEY", "TOKYO", "OSLO", "HELSINKI", "AMSTERDAM",
        "BRUSSELS", "ZURICH", "GENEVA", "MILAN", "NAPLES", "ATHENS", "ISTANBUL", "CAIRO", "DELHI", "MUMBAI", "BANGKOK",
        "SEOUL", "BEIJING", "SHANGHAI", "MANILA", "JAKARTA", "AUCKLAND", "MELBOURNE", "PERTH", "BRISTOL", "LEEDS",
        "YORK", "GLASGOW", "EDINBURGH", "CARDIFF", "BELFAST", "LIVERPOOL", "MANCHESTER", "BRIGHTON", "DOVER", "CALAIS",
        "LYON", "MARSEILLE", "HAMBURG", "MUNICH", "COLOGNE", "KRAKOW", "WARSAW", "BUDAPEST", "VENICE", "FLORENCE",
        "SEVILLE", "PORTO", "QUEBEC", "MONTREAL", "DALLAS", "HOUSTON", "PHOENIX", "MIAMI", "ATLANTA", "DETROIT",
        // Numbers: house and platform numbers, routes, years, prices.
        "42", "2024", "10", "12", "15", "21", "24", "30", "50", "66", "75", "99", "101", "123", "180", "250", "365", "404",
        "500", "747", "911", "1984", "1999", "2000", "2025", "3000", "17", "36", "88", "1066",
    ];
}
