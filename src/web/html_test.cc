#include "web/html.h"

#include <gtest/gtest.h>

#include "web/messages.h"

namespace scrutineer::web {
namespace {

TEST(HtmlTest, EscapeLeavesNoMarkup) {
  EXPECT_EQ(Escape("<script>alert('x & \"y\"')</script>"),
            "&lt;script&gt;alert(&#39;x &amp; &quot;y&quot;&#39;)&lt;/script&gt;");
  EXPECT_EQ(Escape("Owen Smith"), "Owen Smith");
}

TEST(CatalogueTest, PlaceholdersAreFilledAndEscapedForHtml) {
  const Catalogue& english = Catalogue::English();
  EXPECT_EQ(english.language(), "en");
  EXPECT_EQ(english.Text("check.not_found", {{"code", "ab<cd"}}),
            "No ballot with tracking code ab<cd is in a ballot box.");
  EXPECT_EQ(english.Html("check.not_found", {{"code", "ab<cd"}}),
            "No ballot with tracking code ab&lt;cd is in a ballot box.");
  // A placeholder without a value stays as it is.
  EXPECT_EQ(english.Text("check.not_found"),
            "No ballot with tracking code {code} is in a ballot box.");
}

TEST(CatalogueTest, ACatalogueIsAnObjectOfTextsWithItsLanguage) {
  EXPECT_FALSE(Catalogue::Parse("[]").ok());
  EXPECT_FALSE(Catalogue::Parse("{\"a\": \"b\"}").ok());
  EXPECT_FALSE(Catalogue::Parse("{\"lang\": \"cy\", \"a\": 1}").ok());
  auto welsh = Catalogue::Parse("{\"lang\": \"cy\", \"nav.vote\": \"Pleidleisio\"}");
  ASSERT_TRUE(welsh.ok());
  EXPECT_EQ(welsh->language(), "cy");
  EXPECT_EQ(welsh->Text("nav.vote"), "Pleidleisio");
}

}  // namespace
}  // namespace scrutineer::web
