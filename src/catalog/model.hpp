// The catalogue model: what a feed (docs/feed-format.md) says, after validation.
//
// All text is std::string_view into the feed buffer that the Catalog owns (strings were
// unescaped in place by the JSON reader), so a 100k-offer catalogue costs little more
// than its source bytes. No ImGui, no GL, no I/O here.
#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace date
{
class time_zone;
}

namespace mint::catalog
{

using Timestamp = std::int64_t;     ///< seconds since 1970-01-01T00:00:00Z
using LocalSeconds = std::int64_t;  ///< wall-clock seconds since 1970-01-01T00:00 in the region's zone
using DayNumber = std::int32_t;     ///< days since 1970-01-01 (civil calendar)

/// Text in several languages; an entry with an empty language is the feed's default language.
struct LocalizedText
{
    struct Entry
    {
        std::string_view lang;
        std::string_view text;
    };
    std::vector<Entry> entries;

    bool empty() const { return entries.empty(); }
    /// Text in `lang`, else in `defaultLang`, else the first one; empty when there is none.
    std::string_view get(std::string_view lang, std::string_view defaultLang) const;
};

enum class Audience : std::uint8_t
{
    Children,
    Youth,
    Parents,
    Families,
    SchoolClasses,
    Teachers,
    Companies,
    GeneralPublic,
    Count
};
constexpr std::size_t kAudienceCount = static_cast<std::size_t>(Audience::Count);
std::string_view audienceKey(Audience audience);
std::optional<Audience> parseAudience(std::string_view key);

enum class OfferStatus : std::uint8_t
{
    Scheduled,
    Cancelled,
    Postponed
};
enum class AttendanceMode : std::uint8_t
{
    Offline,
    Online,
    Mixed
};
enum class RegistrationMode : std::uint8_t
{
    Unspecified,
    Required,
    Optional,
    None
};
enum class ScheduleKind : std::uint8_t
{
    None,
    Single,
    Recurring,
    Course,
    OnRequest,
    OpeningHours
};

std::string_view statusKey(OfferStatus status);
std::string_view attendanceModeKey(AttendanceMode mode);
std::string_view scheduleKindKey(ScheduleKind kind);
std::optional<AttendanceMode> parseAttendanceMode(std::string_view key);

/// A point in time as written in the feed: with a zone offset (absolute) or local wall time.
struct DateTimeSpec
{
    std::int64_t seconds = 0;  ///< Timestamp when absolute, LocalSeconds when local
    bool local = false;
};

/// One dated occurrence, 16 bytes (there are millions in a large catalogue).
struct Occurrence
{
    Timestamp start = 0;
    std::int32_t length = 0;  ///< seconds (0: no end given)
    bool cancelled = false;

    Timestamp end() const { return start + length; }
    void setEnd(Timestamp end) { length = static_cast<std::int32_t>(end > start ? end - start : 0); }
};
static_assert(sizeof(Occurrence) == 16, "occurrences stay small");

/// A read-only run of occurrences (sorted by start).
struct OccurrenceSpan
{
    const Occurrence* first = nullptr;
    std::size_t count = 0;
    const Occurrence* begin() const { return first; }
    const Occurrence* end() const { return first + count; }
    std::size_t size() const { return count; }
    bool empty() const { return count == 0; }
    const Occurrence& operator[](std::size_t i) const { return first[i]; }
};

/// Occurrences with the numbers a search needs up front, so the hot path touches the
/// occurrence memory once: the first and last start and the longest duration.
struct DatesView
{
    OccurrenceSpan dates;
    Timestamp firstStart = 0;
    Timestamp lastStart = 0;
    std::int64_t longest = 0;  ///< seconds
};

/// One weekly rule of a recurring schedule (schema.org Schedule, iCalendar BYDAY).
struct RecurrenceRule
{
    std::uint8_t weekdays = 0;  ///< bit 0 = Monday ... bit 6 = Sunday
    DayNumber startDate = 0;
    DayNumber endDate = 0;  ///< inclusive
    bool hasEndDate = false;
    std::int32_t startMinute = 0;  ///< local minutes after midnight
    std::int32_t endMinute = 0;    ///< may be <= startMinute: ends next day
    std::vector<DayNumber> exceptDates;
};

struct OpeningHoursSpec
{
    std::uint8_t weekdays = 0;  ///< bit 0 = Monday ... bit 6 = Sunday
    std::int32_t opensMinute = 0;
    std::int32_t closesMinute = 0;
};

struct Schedule
{
    ScheduleKind kind = ScheduleKind::None;
    struct Span
    {
        DateTimeSpec start;
        DateTimeSpec end;
        bool hasEnd = false;
        bool cancelled = false;
    };
    std::vector<Span> spans;              ///< single (one) and course (sessions)
    std::vector<RecurrenceRule> rules;    ///< recurring
    std::vector<OpeningHoursSpec> hours;  ///< opening_hours
    LocalizedText note;                   ///< on_request (and any kind)

    /// Every dated occurrence, sorted by start: filled by expandSchedule. A Catalog moves
    /// them into its pool when indexing (one allocation for all offers); then
    /// `occurrences` is empty and `pooled` points into the pool. Read them with dates().
    std::vector<Occurrence> occurrences;
    OccurrenceSpan pooled;
    std::int64_t longestOccurrence = 0;  ///< seconds, filled with occurrences

    OccurrenceSpan dates() const { return pooled.first ? pooled : OccurrenceSpan{occurrences.data(), occurrences.size()}; }
    DatesView view() const
    {
        const OccurrenceSpan d = dates();
        return {d, d.empty() ? 0 : d[0].start, d.empty() ? 0 : d[d.size() - 1].start, longestOccurrence};
    }
};

struct GeoPoint
{
    double lat = 0;
    double lon = 0;
};

struct Address
{
    std::string_view street;
    std::string_view postalCode;
    std::string_view locality;
};

struct Contact
{
    std::string_view email;
    std::string_view phone;
    std::string_view url;
};

struct Place
{
    std::string_view id;
    LocalizedText name;
    Address address;
    std::optional<GeoPoint> geo;
};

struct Provider
{
    std::string_view id;
    LocalizedText name;
    std::string_view url;
    Contact contact;
};

struct PriceSpec
{
    LocalizedText name;
    std::string_view price;     ///< decimal string, e.g. "5.00"
    std::string_view currency;  ///< ISO 4217
};

struct Registration
{
    RegistrationMode mode = RegistrationMode::Unspecified;
    std::string_view url;
    std::optional<DateTimeSpec> closes;
};

struct Image
{
    std::string_view url;
    LocalizedText alt;
    LocalizedText credit;  ///< shown with the picture: a string or a language map
    std::string_view license;
};

struct Accessibility
{
    std::optional<bool> wheelchair;
    LocalizedText info;
};

struct IntRange
{
    int min = -1;  ///< -1: open
    int max = -1;  ///< -1: open
    bool present = false;
};

struct Offer
{
    std::string_view id;
    std::string_view type;
    LocalizedText title;
    LocalizedText summary;
    LocalizedText description;
    std::string_view url;
    std::string_view providerId;
    std::vector<std::string_view> subjects;  ///< as written
    std::uint32_t audienceMask = 0;          ///< bit per Audience
    IntRange ageRange;
    IntRange gradeLevels;
    Schedule schedule;
    OfferStatus status = OfferStatus::Scheduled;
    AttendanceMode attendanceMode = AttendanceMode::Offline;
    std::string_view placeId;
    std::optional<Place> location;  ///< inline location (id empty)
    std::optional<bool> isFree;
    std::vector<PriceSpec> prices;
    Registration registration;
    Contact contact;
    std::vector<Image> images;
    Accessibility accessibility;
    std::vector<std::string_view> languages;
    std::string_view dateModified;

    // Resolved when the catalogue is indexed.
    std::int32_t providerIndex = -1;
    std::int32_t placeIndex = -1;
    std::vector<std::uint16_t> subjectIds;  ///< interned, including broader subjects
    std::uint64_t subjectMask = 0;          ///< bits of subjectIds below 64

    bool hasAudience(Audience a) const { return audienceMask & (1u << static_cast<unsigned>(a)); }
};

struct Story
{
    std::string_view id;
    LocalizedText title;
    LocalizedText text;
    std::vector<Image> images;
    std::string_view offerId;  ///< optional link
    std::string_view date;
};

struct Tombstone
{
    std::string_view id;
    std::string_view deletedAt;
    std::string_view reason;
};

struct Publisher
{
    LocalizedText name;
    std::string_view url;
    std::string_view email;
};

struct Region
{
    LocalizedText name;
    std::optional<std::array<double, 4>> bbox;  ///< min_lon, min_lat, max_lon, max_lat
    std::string timezone = "Europe/Berlin";
    std::string defaultLanguage = "de";
};

class TextIndex;

/// The hot fields the query engine reads for every offer, packed densely (about 80
/// bytes), so a pass over 100k offers stays in cache instead of chasing pointers.
struct OfferFacts
{
    static constexpr std::uint8_t kFree = 1, kCancelled = 2, kHasGeo = 4, kAgePresent = 8, kGradePresent = 16, kAllAges = 32, kDated = 64,
                                  kManySubjects = 128;
    std::uint64_t subjectMask = 0;
    Timestamp firstStart = 0;      ///< dated kinds: earliest start (cancelled ones included)
    Timestamp lastEnd = 0;         ///< dated kinds: latest end of an occurrence that is not cancelled
    DatesView dates;               ///< the schedule's occurrences (pooled)
    std::int32_t firstLength = 0;  ///< seconds of the first occurrence (kFirstUsable: not cancelled)
    double lat = 0, lon = 0;       ///< with kHasGeo
    std::uint32_t audienceMask = 0;
    std::int16_t ageMin = -1, ageMax = -1;
    std::int8_t gradeMin = -1, gradeMax = -1;
    std::uint8_t flags = 0;
    AttendanceMode mode = AttendanceMode::Offline;
    bool firstUsable = false;  ///< the first occurrence is not cancelled
};

/// A validated, indexed catalogue. Immutable after loading; safe to share between threads.
class Catalog
{
public:
    Catalog();
    ~Catalog();
    Catalog(const Catalog&) = delete;
    Catalog& operator=(const Catalog&) = delete;

    std::shared_ptr<std::string> source;  ///< the feed bytes every string_view points into
    /// Where these bytes were fetched from (set by the sync, "" for a local file): relative
    /// picture URLs resolve against it, also after staff point feed.url elsewhere.
    std::string sourceUrl;

    std::string_view format;
    int version = 0;
    std::int64_t sequence = 0;
    Timestamp generatedAt = 0;
    std::string_view generatedAtText;
    /// Optional: after this the catalogue has expired (a frozen or replayed feed); the kiosk
    /// keeps showing it with the stale notice and refuses a fetched feed already past it.
    std::optional<Timestamp> validUntil;
    std::string_view license;
    LocalizedText attribution;  ///< shown with the data: a string or a language map
    /// Optional: where the release's phone pages are (`phone_pages`, a URL ending in "/");
    /// an offer's page is phonePageUrl().
    std::string_view phonePages;
    Publisher publisher;
    Region region;
    std::vector<Provider> providers;
    std::vector<Place> places;
    std::vector<Offer> offers;
    std::vector<Story> stories;
    std::vector<Tombstone> tombstones;

    // --- index (built by indexCatalog) ---
    const date::time_zone* zone = nullptr;
    std::vector<std::string_view> subjectNames;  ///< id -> subject key
    std::unordered_map<std::string_view, std::uint32_t> offerById;
    std::vector<std::uint32_t> titleRank;    ///< offer index -> position in German title order
    std::vector<std::uint32_t> titleOrder;   ///< position in German title order -> offer index
    std::vector<OfferFacts> facts;           ///< offer index -> hot query fields
    std::vector<Occurrence> occurrencePool;  ///< all offers' occurrences, see Schedule::dates()
    std::unique_ptr<TextIndex> textIndex;

    const Offer* findOffer(std::string_view id) const;
    std::optional<std::uint16_t> subjectId(std::string_view key) const;
    const Provider* providerOf(const Offer& offer) const;
    /// The offer's place (referenced or inline), or nullptr.
    const Place* placeOf(const Offer& offer) const;
    std::string_view defaultLanguage() const { return region.defaultLanguage; }
};

/// An offer's phone page inside a release folder: "o/<id>.html" (characters outside
/// [A-Za-z0-9_-] become '_'). mint-catalog build writes it; the kiosk links it.
std::string phonePagePath(std::string_view offerId);
/// The phone page's full URL (the feed's `phone_pages` + phonePagePath), or empty when the
/// feed names no phone pages.
std::string phonePageUrl(const Catalog& catalog, const Offer& offer);

/// The broader subject a narrower one belongs to ("robotik" -> "technik"), or empty.
std::string_view broaderSubject(std::string_view subject);

}  // namespace mint::catalog
