// SPDX-License-Identifier: GPL-2.0
/*
 * OSSL_PARAM accessors.  OSSL_PARAM is a plain array of key, type, data,
 * size and return size (openssl/core.h); reading and writing it needs no
 * library, so ocf.so links none.
 */
#include <string.h>
#include "ocf_prov.h"

OSSL_PARAM *ocf_param_locate(OSSL_PARAM *p, const char *key)
{
	for (; p && p->key; p++)
		if (!strcmp(p->key, key))
			return p;
	return NULL;
}

const OSSL_PARAM *ocf_param_locate_const(const OSSL_PARAM *p, const char *key)
{
	for (; p && p->key; p++)
		if (!strcmp(p->key, key))
			return p;
	return NULL;
}

int ocf_param_get_u64(const OSSL_PARAM *p, uint64_t *v)
{
	if (!p || !p->data)
		return 0;
	if (p->data_type == OSSL_PARAM_UNSIGNED_INTEGER) {
		switch (p->data_size) {
		case 1: *v = *(const uint8_t *)p->data; return 1;
		case 2: *v = *(const uint16_t *)p->data; return 1;
		case 4: *v = *(const uint32_t *)p->data; return 1;
		case 8: *v = *(const uint64_t *)p->data; return 1;
		}
	} else if (p->data_type == OSSL_PARAM_INTEGER) {
		int64_t s;

		switch (p->data_size) {
		case 1: s = *(const int8_t *)p->data; break;
		case 2: s = *(const int16_t *)p->data; break;
		case 4: s = *(const int32_t *)p->data; break;
		case 8: s = *(const int64_t *)p->data; break;
		default: return 0;
		}
		if (s < 0)
			return 0;
		*v = (uint64_t)s;
		return 1;
	}
	return 0;
}

int ocf_param_set_u64(OSSL_PARAM *p, uint64_t v)
{
	if (!p)
		return 0;
	p->return_size = p->data_size;
	if (p->data_type == OSSL_PARAM_UNSIGNED_INTEGER ||
	    p->data_type == OSSL_PARAM_INTEGER) {
		int sign = p->data_type == OSSL_PARAM_INTEGER;

		if (!p->data) {
			p->return_size = sizeof(v);
			return 1;
		}
		switch (p->data_size) {
		case 1:
			if (v > (sign ? 0x7fu : 0xffu))
				return 0;
			*(uint8_t *)p->data = (uint8_t)v;
			return 1;
		case 2:
			if (v > (sign ? 0x7fffu : 0xffffu))
				return 0;
			*(uint16_t *)p->data = (uint16_t)v;
			return 1;
		case 4:
			if (v > (sign ? 0x7fffffffu : 0xffffffffu))
				return 0;
			*(uint32_t *)p->data = (uint32_t)v;
			return 1;
		case 8:
			if (sign && v > INT64_MAX)
				return 0;
			*(uint64_t *)p->data = v;
			return 1;
		}
	}
	return 0;
}

int ocf_param_get_octets(const OSSL_PARAM *p, const void **data, size_t *len)
{
	if (!p)
		return 0;
	if (p->data_type == OSSL_PARAM_OCTET_STRING) {
		*data = p->data;
		*len = p->data_size;
		return 1;
	}
	if (p->data_type == OSSL_PARAM_OCTET_PTR) {
		*data = p->data ? *(const void *const *)p->data : NULL;
		*len = p->data_size;
		return 1;
	}
	return 0;
}

int ocf_param_set_octets(OSSL_PARAM *p, const void *data, size_t len)
{
	if (!p)
		return 0;
	p->return_size = len;
	if (p->data_type == OSSL_PARAM_OCTET_STRING) {
		if (!p->data)
			return 1;
		if (p->data_size < len)
			return 0;
		memcpy(p->data, data, len);
		return 1;
	}
	if (p->data_type == OSSL_PARAM_OCTET_PTR) {
		if (p->data)
			*(const void **)p->data = data;
		return 1;
	}
	return 0;
}

int ocf_param_get_utf8(const OSSL_PARAM *p, char *buf, size_t size)
{
	const char *s;
	size_t len;

	if (!p || !p->data || !size)
		return 0;
	if (p->data_type == OSSL_PARAM_UTF8_STRING) {
		s = p->data;
		/* a size of 0 (a static initialiser's): up to the NUL */
		len = strnlen(s, p->data_size ? p->data_size : size);
	} else if (p->data_type == OSSL_PARAM_UTF8_PTR) {
		s = *(const char *const *)p->data;
		if (!s)
			return 0;
		len = strlen(s);
	} else {
		return 0;
	}
	if (len >= size)
		return 0;
	memcpy(buf, s, len);
	buf[len] = 0;
	return 1;
}

int ocf_param_set_utf8(OSSL_PARAM *p, const char *s)
{
	size_t len = strlen(s);

	if (!p)
		return 0;
	p->return_size = len;
	if (p->data_type == OSSL_PARAM_UTF8_STRING) {
		if (!p->data)
			return 1;
		if (p->data_size < len + 1)
			return 0;
		memcpy(p->data, s, len + 1);
		return 1;
	}
	if (p->data_type == OSSL_PARAM_UTF8_PTR) {
		if (p->data)
			*(const char **)p->data = s;
		return 1;
	}
	return 0;
}

int ocf_set_size(OSSL_PARAM *params, const char *key, uint64_t v)
{
	OSSL_PARAM *p = ocf_param_locate(params, key);

	return !p || ocf_param_set_u64(p, v);
}

int ocf_set_str(OSSL_PARAM *params, const char *key, const char *s)
{
	OSSL_PARAM *p = ocf_param_locate(params, key);

	return !p || ocf_param_set_utf8(p, s);
}
