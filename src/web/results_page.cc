#include "web/results_page.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "web/html.h"

namespace scrutineer::web {
namespace {

// What report::html::Swatch writes, up to the colour.
constexpr std::string_view kSwatch = R"(class="swatch" aria-hidden="true" style="background:)";

bool IsColour(std::string_view colour) {
  return colour.size() > 1 && colour.size() <= 9 && colour.front() == '#' &&
         std::all_of(colour.begin() + 1, colour.end(),
                     [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; });
}

// Turns each swatch's style attribute into a class; adds each colour's rule to `css`.
std::string SwatchesAsClasses(const std::string& html, std::string& css) {
  std::string out;
  std::set<std::string> colours;
  size_t from = 0;
  for (size_t at = html.find(kSwatch); at != std::string::npos; at = html.find(kSwatch, from)) {
    const size_t colour_at = at + kSwatch.size();
    const size_t end = html.find('"', colour_at);
    const std::string colour = html.substr(colour_at, end - colour_at);
    if (end == std::string::npos || !IsColour(colour)) {
      break;  // not ours: left as it is (and refused by the policy)
    }
    out.append(html, from, at - from);
    out += "class=\"swatch swatch-" + colour.substr(1) + "\" aria-hidden=\"true\"";
    colours.insert(colour);
    from = end + 1;
  }
  out.append(html, from);
  for (const std::string& colour : colours) {
    css += ".swatch-" + colour.substr(1) + "{background:" + colour + "}\n";
  }
  return out;
}

}  // namespace

StrictPage WithoutInlineStyle(const std::string& report_html, const std::string& stylesheet_href,
                              const std::string& links) {
  StrictPage page;
  std::string html = report_html;
  const size_t open = html.find("<style>\n");
  const size_t close = open == std::string::npos ? open : html.find("</style>\n", open);
  if (close != std::string::npos) {
    page.css = html.substr(open + 8, close - open - 8);
    html.replace(open, close + 9 - open,
                 "<link rel=\"stylesheet\" href=\"" + Escape(stylesheet_href) + "\">\n");
  }
  if (const size_t main = html.find("<main>\n"); main != std::string::npos) {
    html.insert(main + 7, links);
  }
  page.html = SwatchesAsClasses(html, page.css);
  return page;
}

}  // namespace scrutineer::web
