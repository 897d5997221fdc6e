/*
 * vita-phone.so: the one C++ file of vita, a C-callable wrapper of libphonenumber's
 * PhoneNumberUtil (Debian's libphonenumber-dev), the port of which RenderCV's Python `phonenumbers`
 * is.  vita opens it (src/phone/phone.c) only when a CV has a phone number to show, so that no other
 * render loads libphonenumber, ICU, protobuf or boost.  Nothing thrown leaves this file.
 */
#include <cstring>
#include <string>

#include <phonenumbers/phonenumberutil.h>

#include "phone/phone.h"

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

static PhoneNumberUtil::PhoneNumberFormat format_of(int f)
{
	switch (f) {
	case VITA_PHONE_INTERNATIONAL:
		return PhoneNumberUtil::INTERNATIONAL;
	case VITA_PHONE_E164:
		return PhoneNumberUtil::E164;
	default:
		return PhoneNumberUtil::NATIONAL;
	}
}

static void copy_out(const std::string &s, char *out, size_t size)
{
	if (!size)
		return;
	size_t n = s.size() < size - 1 ? s.size() : size - 1;
	std::memcpy(out, s.data(), n);
	out[n] = 0;
}

extern "C" int vita_phone_format_number(const char *number, int format, char *out, size_t size)
{
	try {
		const PhoneNumberUtil *u = PhoneNumberUtil::GetInstance();
		PhoneNumber n;
		/* "ZZ": no default region, as RenderCV's phonenumbers.parse(phone, None) */
		if (u->Parse(number, "ZZ", &n) != PhoneNumberUtil::NO_PARSING_ERROR)
			return VITA_PHONE_UNPARSED;
		std::string s;
		u->Format(n, format_of(format), &s);
		copy_out(s, out, size);
		return u->IsValidNumber(n) ? VITA_PHONE_OK : VITA_PHONE_INVALID;
	} catch (...) {
		return VITA_PHONE_UNPARSED;
	}
}
