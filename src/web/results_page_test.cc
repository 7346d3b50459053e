#include "web/results_page.h"

#include <gtest/gtest.h>

namespace scrutineer::web {
namespace {

TEST(ResultsPageTest, TheInlineStyleGoesToTheStyleSheetAndSwatchesBecomeClasses) {
  const std::string report =
      "<html>\n<head>\n<title>T</title>\n<style>\nbody{margin:0}\n</style>\n</head>\n<body>\n"
      "<main>\n<p><span class=\"swatch\" aria-hidden=\"true\" style=\"background:#1f5fa8\">"
      "</span>Ada <span class=\"swatch\" aria-hidden=\"true\" style=\"background:#b3261e\">"
      "</span>Ben <span class=\"swatch\" aria-hidden=\"true\" style=\"background:#1f5fa8\">"
      "</span>Ada</p>\n</main>\n</body>\n</html>\n";
  const StrictPage page = WithoutInlineStyle(report, "/r/style.css?a=\"b\"", "<nav></nav>\n");
  EXPECT_EQ(page.html,
            "<html>\n<head>\n<title>T</title>\n"
            "<link rel=\"stylesheet\" href=\"/r/style.css?a=&quot;b&quot;\">\n</head>\n<body>\n"
            "<main>\n<nav></nav>\n<p><span class=\"swatch swatch-1f5fa8\" aria-hidden=\"true\">"
            "</span>Ada <span class=\"swatch swatch-b3261e\" aria-hidden=\"true\"></span>Ben "
            "<span class=\"swatch swatch-1f5fa8\" aria-hidden=\"true\"></span>Ada</p>\n</main>\n"
            "</body>\n</html>\n");
  EXPECT_EQ(page.css,
            "body{margin:0}\n.swatch-1f5fa8{background:#1f5fa8}\n"
            ".swatch-b3261e{background:#b3261e}\n");
}

TEST(ResultsPageTest, AStyleThatIsNotAColourIsLeftForThePolicyToRefuse) {
  const std::string report =
      "<main>\n<span class=\"swatch\" aria-hidden=\"true\" style=\"background:url(x)\"></span>";
  const StrictPage page = WithoutInlineStyle(report, "/s.css", "");
  EXPECT_EQ(page.html, report);
  EXPECT_EQ(page.css, "");
}

}  // namespace
}  // namespace scrutineer::web
