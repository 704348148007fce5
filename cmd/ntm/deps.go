package main

import (
	_ "github.com/BurntSushi/toml"
	_ "github.com/go-fonts/liberation/liberationserifregular"
	_ "github.com/go-pdf/fpdf"
	_ "github.com/xuri/excelize/v2"
	_ "golang.org/x/text/unicode/norm"
)

func main() {}
