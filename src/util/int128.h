#pragma once
// 128-bit integers for exact intermediate products (GCC and Clang extension).

namespace scrutineer::util {

__extension__ typedef unsigned __int128 Uint128;
__extension__ typedef __int128 Int128;

}  // namespace scrutineer::util
