#pragma once
// The public results page: a contest's declaration as report::WriteHtml draws it (the result,
// the ballot paper account, the figures by section, a chart of each round, the transfers), made
// fit for a strict Content-Security-Policy. The report's page stands alone with its style
// inline; served here, its <style> becomes a linked style sheet and each colour swatch's
// style attribute a class, so that no inline style is needed. The charts are SVG drawn with
// presentation attributes, which the policy allows.

#include <string>
#include <vector>

namespace scrutineer::web {

struct StrictPage {
  std::string html;  // the page, linking `stylesheet_href` instead of an inline <style>
  std::string css;   // the style taken out, and a rule for each swatch colour
};

// `report_html` with its inline style moved out; `links` (markup) is put at the top of <main>,
// for the way back and to the election's other contests.
StrictPage WithoutInlineStyle(const std::string& report_html, const std::string& stylesheet_href,
                              const std::string& links);

}  // namespace scrutineer::web
