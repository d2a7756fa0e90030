#pragma once
// The one way into Boost.Asio and Beast for mentorflow. Boost 1.74's boost/asio/awaitable.hpp
// uses std::exchange without including <utility>, which g++ 12 in C++20 mode rejects; including
// <utility> first fixes it. Every file that needs Asio or Beast includes this header instead.
#include <utility>

#include <boost/asio.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace mentorflow::api {
namespace net = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using tcp = boost::asio::ip::tcp;
}  // namespace mentorflow::api
