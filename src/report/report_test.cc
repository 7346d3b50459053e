#include <gtest/gtest.h>

#include "report/declaration.h"

namespace scrutineer::report {
namespace {}  // namespace
}  // namespace scrutineer::report
