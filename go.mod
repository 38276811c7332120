module github.com/ossflow/ossflow

go 1.26.8

require (
	github.com/alibabacloud-go/darabonba-openapi/v2 v2.1.12 // indirect
	github.com/alibabacloud-go/sts-20150401/v2 v2.0.4 // indirect
	github.com/aliyun/alibabacloud-oss-go-sdk-v2 v1.6.1 // indirect
	github.com/aliyun/credentials-go v1.4.14 // indirect
	github.com/aliyun/fc-runtime-go-sdk v0.3.1 // indirect
	github.com/aws/aws-lambda-go v1.55.1 // indirect
	github.com/go-jose/go-jose/v4 v4.1.3 // indirect
	github.com/h2non/bimg v1.1.9 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.20 // indirect
	github.com/rs/zerolog v1.35.1 // indirect
	golang.org/x/sys v0.29.0 // indirect
	golang.org/x/time v0.4.0 // indirect
)
