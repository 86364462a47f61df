// Schedules: expanding recurring rules into dated occurrences (local times in the
// region's zone, correct across daylight-saving changes) and answering "next occurrence
// after T" and "occurs within [A, B)".
#pragma once

#include "model.hpp"

#include <optional>

namespace mint::catalog
{

struct ExpandLimits
{
    std::size_t maxOccurrences = 1000;  ///< per offer; the rest is dropped with a warning
    int openEndedDays = 366;            ///< horizon of a recurring rule without end_date
};

/// Fills schedule.occurrences from spans and rules; returns false when maxOccurrences cut it.
bool expandSchedule(Schedule& schedule, const date::time_zone* zone, const ExpandLimits& limits = {});

/// True when the kind has dates (single, course, recurring).
bool isDated(const Schedule& schedule);

/// The first occurrence that has not ended at `after` (an ongoing one counts). For
/// opening hours the next opening period. nullopt for on_request and past schedules.
std::optional<Occurrence> nextOccurrence(const Schedule& schedule, const date::time_zone* zone, Timestamp after,
                                         bool includeCancelled = false);

/// True when an occurrence (or opening period) overlaps [from, to).
bool occursWithin(const Schedule& schedule, const date::time_zone* zone, Timestamp from, Timestamp to, bool includeCancelled = false);

/// The same on a bare run of occurrences (the query engine's hot path).
std::optional<Occurrence> nextInDates(const DatesView& dates, Timestamp after, bool includeCancelled);
bool datesWithin(const DatesView& dates, Timestamp from, Timestamp to, bool includeCancelled);

/// A dated schedule whose every occurrence has ended by `now` (or was cancelled).
bool isPast(const Schedule& schedule, Timestamp now);

}  // namespace mint::catalog
