// A phone page for every offer of a release: static, accessible HTML without JavaScript
// (o/<id>.html), mobile first, German and English on one page, with the dates, the place
// (address and a link to a map app), price, registration and contact, and an iCalendar
// file (o/<id>.ics, "in meinen Kalender"); plus an index page of all offers. The kiosk's QR
// code points there when an offer has no web page of its own.
#pragma once

#include "catalog/model.hpp"

#include <string>

namespace mint::publish
{

struct PhonePageStats
{
    std::size_t pages = 0;
    std::size_t bytes = 0;
};

/// One offer's page (the dates from `now` on, at most 12 listed).
std::string phonePageHtml(const catalog::Catalog& catalog, const catalog::Offer& offer, catalog::Timestamp now);
/// One offer's calendar (its dates from `now` on, at most 100).
std::string offerIcs(const catalog::Catalog& catalog, const catalog::Offer& offer, catalog::Timestamp now, const std::string& stamp);
/// The list of all offers, next date first.
std::string indexHtml(const catalog::Catalog& catalog, catalog::Timestamp now);

/// Writes o/<id>.html, o/<id>.ics and index.html into `dir`; false with `error`.
bool writePhonePages(const catalog::Catalog& catalog, catalog::Timestamp now, const std::string& dir, PhonePageStats& stats,
                     std::string& error);

}  // namespace mint::publish
