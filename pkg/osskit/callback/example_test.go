package callback_test

import (
	"encoding/base64"
	"fmt"

	"github.com/ossflow/ossflow/pkg/osskit/callback"
)

func ExampleCallback_Encode() {
	cb, cbVar, err := callback.Callback{
		URL:      "https://api.example.com/oss/callback",
		Body:     "object=${object}&size=${size}&user=${x:user}",
		BodyType: callback.BodyTypeForm,
		Vars:     map[string]string{"x:user": "u42"},
	}.Encode()
	if err != nil {
		fmt.Println(err)
		return
	}
	js, _ := base64.StdEncoding.DecodeString(cb)
	vars, _ := base64.StdEncoding.DecodeString(cbVar)
	fmt.Println(string(js))
	fmt.Println(string(vars))

	_, _, err = callback.Callback{URL: "https://api.example.com/cb", Body: "k=${key}"}.Encode()
	fmt.Println(err)
	// Output:
	// {"callbackUrl":"https://api.example.com/oss/callback","callbackBody":"object=${object}&size=${size}&user=${x:user}","callbackBodyType":"application/x-www-form-urlencoded"}
	// {"x:user":"u42"}
	// oss callback: invalid_callback: callbackBody uses unknown variable ${key}
}
