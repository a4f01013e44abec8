#include <stdio.h>
#include <setjmp.h>
#include <jpeglib.h>
#include <png.h>
